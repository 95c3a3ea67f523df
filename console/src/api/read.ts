/**
 * Run-time reading of answers the contract does not describe yet (docs/openapi.json has no
 * response schemas for these staff routes until the contract work lands). Each reader takes only
 * the fields a screen shows and drops anything unexpected; once the generated types describe
 * the answer, the screen uses them instead.
 */
export type Fields = Record<string, unknown>;

export const record = (value: unknown): Fields => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {});
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
export const optionalText = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
