import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../bounded-json';

const nested = (depth: number): Buffer => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('jsonNestsDeeperThan', () => {
  it('allows nesting up to the limit and refuses one level more', () => {
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonNestsDeeperThan(nested(10_000), MAX_JSON_DEPTH)).toBe(true);
  });

  it('counts objects and arrays alike, and depth rather than the number of brackets', () => {
    expect(jsonNestsDeeperThan(Buffer.from('{"a":{"b":[{"c":1}]}}'), 3)).toBe(true);
    expect(jsonNestsDeeperThan(Buffer.from('{"a":{"b":[{"c":1}]}}'), 4)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify(Array.from({ length: 1000 }, () => [1]))), 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify({ note: '[[[[[[{{{{{{' })), 1)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from(JSON.stringify({ note: 'say \\"[[[[" and "{{{{' })), 1)).toBe(false);
    expect(jsonNestsDeeperThan(Buffer.from('{"a":"\\\\","b":[[1]]}'), 2)).toBe(true);
  });
});
