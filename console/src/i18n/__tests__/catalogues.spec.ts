import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import en from '../en.json';
import ru from '../ru.json';

/**
 * The console's message catalogues: the same keys in English and Russian, every message valid
 * ICU, every key the code names present, and every stage and priority of the API contract worded.
 */
type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

const CATALOGUES = { en: flatten(en), ru: flatten(ru) };
const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && name !== 'schema.gen.ts' ? [path] : [];
  });
}

const sources = sourceFiles(SRC).map((file) => readFileSync(file, 'utf8'));
const staticKeys = [...new Set(sources.flatMap((source) => [...source.matchAll(/\bt\('([a-zA-Z0-9.-]+)'/g)].map((match) => match[1]!)))];
const dynamicPrefixes = [...new Set(sources.flatMap((source) => [...source.matchAll(/\bt\(`([a-zA-Z0-9.-]+)\.\$\{/g)].map((match) => match[1]!)))];
/** Keys named in a constant (navigation labels). */
const listedKeys = [...new Set(sources.flatMap((source) => [...source.matchAll(/label: '([a-z]+\.[a-zA-Z.]+)'/g)].map((match) => match[1]!)))];

/** The names of a parsed message's arguments, nested plural and select branches included. */
function argumentNames(elements: unknown[]): string[] {
  return elements.flatMap((element) => {
    if (!element || typeof element !== 'object') return [];
    const { value, options } = element as { value?: unknown; options?: Record<string, { value: unknown[] }> };
    const own = typeof value === 'string' && 'type' in element && (element as { type: number }).type !== 0 ? [value] : [];
    const nested = options ? Object.values(options).flatMap((option) => argumentNames(option.value)) : [];
    return [...own, ...nested];
  });
}

describe('console message catalogues', () => {
  it.each(['en', 'ru'] as const)('%s has every key the other has', (language) => {
    const other = language === 'en' ? CATALOGUES.ru : CATALOGUES.en;
    const missing = [...other.keys()].filter((key) => !CATALOGUES[language].has(key));
    expect(missing).toEqual([]);
  });

  it.each(['en', 'ru'] as const)('every %s message is valid ICU and formats', (language) => {
    for (const [key, message] of CATALOGUES[language]) {
      const format = new IntlMessageFormat(message, language);
      // Every argument the message names gets a value (a number formats as text, number and plural).
      const values = Object.fromEntries(argumentNames(format.getAst()).map((name) => [name, 3]));
      expect(() => format.format({ count: 3, minutes: 2, ...values })).not.toThrow();
      expect(`${key}: ${message.trim()}`).not.toMatch(/: $/);
    }
  });

  it('Russian plurals distinguish one, few and many', () => {
    const caption = new IntlMessageFormat(CATALOGUES.ru.get('caseload.caption')!, 'ru');
    expect([1, 3, 5, 21].map((count) => caption.format({ count }))).toEqual([
      '1 дело на этой странице',
      '3 дела на этой странице',
      '5 дел на этой странице',
      '21 дело на этой странице',
    ]);
  });

  it('has every key the code names, in both languages', () => {
    expect(staticKeys.length).toBeGreaterThan(20);
    for (const key of [...staticKeys, ...listedKeys]) {
      expect({ key, en: CATALOGUES.en.has(key), ru: CATALOGUES.ru.has(key) }).toEqual({ key, en: true, ru: true });
    }
    for (const prefix of dynamicPrefixes) {
      expect({ prefix, present: [...CATALOGUES.en.keys()].some((key) => key.startsWith(`${prefix}.`)) }).toEqual({ prefix, present: true });
    }
  });

  it('words every stage and priority of the API contract', () => {
    const schemas = (
      JSON.parse(readFileSync(join(SRC, '..', '..', 'docs', 'openapi.json'), 'utf8')) as {
        components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
      }
    ).components.schemas;
    const stages = schemas.TransitionDto!.properties.to!.enum ?? [];
    const priorities = schemas.TriageDto!.properties.overridePriority!.enum ?? [];
    expect(stages.length).toBeGreaterThan(5);
    for (const stage of stages) expect(CATALOGUES.en.has(`stage.${stage}`) && CATALOGUES.ru.has(`stage.${stage}`)).toBe(true);
    for (const priority of priorities) expect(CATALOGUES.en.has(`priority.${priority}`) && CATALOGUES.ru.has(`priority.${priority}`)).toBe(true);
  });
});
