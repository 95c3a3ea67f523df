import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_SECTIONS } from '@config/app.config';
import { envBindingsOf } from '@config/env.decorator';

describe('README configuration table', () => {
  const readme = readFileSync(join(__dirname, '../../..', 'README.md'), 'utf8');
  const variables = CONFIG_SECTIONS.flatMap((section) => envBindingsOf(section).map((binding) => binding.variable));

  it.each(variables)('documents %s', (variable) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${variable}\` \\|`, 'm'));
  });

  it('documents no variable the code does not read', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.filter((name) => !variables.includes(name!))).toEqual([]);
  });
});
