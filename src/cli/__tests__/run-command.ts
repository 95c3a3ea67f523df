import { Command } from 'commander';
import type { Environment } from '@config/load-section';

/**
 * Runs one CLI command as `corridor …` would, with the commands `register` adds and the given
 * environment (a test file's database and Redis); returns what it wrote to stdout.
 */
export async function runCommand(
  register: (program: Command, env: Environment) => void,
  env: Environment,
  args: string[],
  options: { silenceStderr?: boolean } = {},
): Promise<string> {
  const program = new Command('corridor').exitOverride();
  register(program, env);
  const out: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = options.silenceStderr === false ? null : jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'corridor', ...args]);
  } finally {
    stdout.mockRestore();
    stderr?.mockRestore();
  }
  return out.join('');
}
