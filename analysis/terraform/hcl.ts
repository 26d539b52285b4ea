/**
 * Just enough HCL native syntax to write the files these tools generate (the CLI configuration and
 * `terraform test` files) from plain values, so no generated file is assembled by string pasting.
 */

/** A value that has a literal HCL form. */
export type HclValue = string | number | boolean | null | HclValue[] | { [key: string]: HclValue };

/**
 * A quoted HCL string. JSON's escapes are a subset of HCL's for the characters JSON.stringify emits
 * (\" \\ \n \r \t \uXXXX); `${` and `%{` would start an interpolation or a directive in HCL, so
 * they are doubled.
 */
export function hclString(value: string): string {
  // A replacer function, because `$$` in a replacement string would itself mean one `$`.
  return JSON.stringify(value).replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}

/** An HCL expression for a plain value; object keys are always quoted, so any key is safe. */
export function hclValue(value: HclValue, indent = ''): string {
  if (typeof value === 'string') return hclString(value);
  if (value === null || typeof value !== 'object') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${hclValue(item, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${hclString(key)} = ${hclValue(item, inner)}`).join('\n')}\n${indent}}`;
}
