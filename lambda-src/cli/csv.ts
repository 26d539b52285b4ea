/** One CSV record and the line it starts on, for error messages an operator can act on. */
interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/**
 * RFC 4180 CSV: comma-separated, optional double quotes ("" escapes a quote), CRLF or LF. Blank
 * lines are skipped and a leading byte order mark (spreadsheet exports) is ignored.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;

  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '' || fieldStarted) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };

  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
        if (i + 1 < input.length && !',\r\n'.includes(input[i + 1])) throw new CsvError(line, 'unexpected text after a closing quote');
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"') {
      if (field !== '') throw new CsvError(line, 'a quote may only start a field');
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvError(recordLine, 'unterminated quoted field');
  endRecord();
  return records;
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"): a value
 * starting with one of them is written with a leading `'` and quoted, which spreadsheets show as
 * text. No valid mapping value starts with `'`, so readCsvValue() can take it off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes a value when CSV requires it, and defuses one a spreadsheet would run as a formula. */
export function csvField(value: string): string {
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A field as written by csvField(), back to its value. */
export function readCsvValue(field: string): string {
  return field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field;
}
