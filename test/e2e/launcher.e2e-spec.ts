import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildForChildren, freePort, removeBuild } from '@test/support/child-processes';
import { TestContext } from '@test/support/test-context';
import { waitFor } from '@test/support/wait-for';

const ROOT = join(__dirname, '..', '..');

/** The processes the launcher forked, with their V8 flags and roles (Linux /proc). */
function forked(pid: number): Array<{ pid: number; heap: string | undefined; roles: string | undefined }> {
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => {
    try {
      const args = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
      const env = readFileSync(`/proc/${child}/environ`, 'utf8').split('\0');
      return [
        {
          pid: child,
          heap: args.find((a) => a.startsWith('--max-old-space-size=')),
          roles: env.find((e) => e.startsWith('CORRIDOR_ROLES='))?.slice('CORRIDOR_ROLES='.length),
        },
      ];
    } catch {
      return [];
    }
  });
}

describe('the launcher (scripts/launch.mjs: API_PROCESSES, per-role heap limits)', () => {
  let ctx: TestContext;
  let buildDir: string | undefined;
  let launcher: ChildProcess | undefined;

  beforeAll(async () => {
    buildDir = buildForChildren();
    ctx = await TestContext.create();
  });
  afterAll(async () => {
    if (launcher && launcher.exitCode === null) launcher.kill('SIGKILL');
    await ctx?.close();
    removeBuild(buildDir);
  });

  it('runs the api role N times behind one port and the other roles once, each with its heap limit, and forks a dead one again', async () => {
    const port = await freePort();
    const env = ctx.env({ CORRIDOR_ROLES: 'api,worker', PORT: String(port), HOST: '127.0.0.1', API_PROCESSES: '2', API_HEAP_MB: '160', WORKER_HEAP_MB: '300' });
    launcher = spawn(process.execPath, [join(ROOT, 'scripts/launch.mjs'), join(buildDir!, 'src', 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    launcher.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    const pid = launcher.pid!;
    const exited = new Promise<number | null>((resolve) => launcher!.once('exit', (code) => resolve(code)));

    const health = async (): Promise<boolean> => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
      } catch {
        return false;
      }
    };
    await waitFor('the api behind the one port', health, 180_000, 200).catch((error: unknown) => {
      throw new Error(`${String(error)}; the launcher wrote: ${errors.slice(-2000)}`);
    });
    const first = await waitFor(
      'three forked processes',
      () => {
        const now = forked(pid);
        return Promise.resolve(now.length === 3 && now.every((p) => p.roles === 'api' || p.roles === 'worker') ? now : null);
      },
      180_000,
      200,
    );
    expect(first.filter((p) => p.roles === 'api').map((p) => p.heap)).toEqual(['--max-old-space-size=160', '--max-old-space-size=160']);
    expect(first.filter((p) => p.roles === 'worker').map((p) => p.heap)).toEqual(['--max-old-space-size=300']);

    // A crash of one api process: the launcher forks another; the port keeps answering.
    const victim = first.find((p) => p.roles === 'api')!;
    process.kill(victim.pid, 'SIGKILL');
    const second = await waitFor(
      'the dead api process forked again',
      () => {
        const now = forked(pid);
        // A fork read between fork() and exec() still shows the launcher's own environment.
        const settled = now.length === 3 && !now.some((p) => p.pid === victim.pid) && now.filter((p) => p.roles === 'api').length === 2;
        return Promise.resolve(settled ? now : null);
      },
      180_000,
      200,
    );
    expect(second.filter((p) => p.roles === 'api').map((p) => p.heap)).toEqual(['--max-old-space-size=160', '--max-old-space-size=160']);
    await waitFor('the api behind the one port after the crash', health, 180_000, 200);

    // SIGTERM is passed on; the launcher ends when every process has.
    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const p of second) expect(() => process.kill(p.pid, 0)).toThrow();
  }, 600_000);
});
