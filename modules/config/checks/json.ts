/** Reading the raw (not yet schema-checked) account file defensively. */
export type Json = Record<string, unknown>;

export const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** Array entries with their index; non-arrays are left to the structural layer. */
export const entries = (value: unknown): [number, unknown][] => (Array.isArray(value) ? [...value.entries()] : []);
