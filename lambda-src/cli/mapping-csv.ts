import type { StudioMapping } from '../shared/mapping';
import { type MappingCandidate, parseMapping } from '../shared/mapping-table';
import { csvField, CsvError, parseCsv, readCsvValue } from './csv';

/** Column order of `list` output, which `import` reads back. */
export const CSV_COLUMNS: readonly (keyof StudioMapping)[] = ['username', 'domainId', 'userProfileName', 'spaceName', 'landingUri'];
const REQUIRED_COLUMNS: readonly (keyof StudioMapping)[] = ['username', 'domainId', 'userProfileName'];

interface CsvMappings {
  mappings: StudioMapping[];
  /** `<line>: <problem>` messages; when any exist, nothing should be imported. */
  errors: string[];
}

/**
 * Reads and validates a mapping CSV with a header row, using the handler's rules. Reports every
 * problem with its line number rather than stopping at the first.
 */
export function readMappingCsv(text: string): CsvMappings {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { mappings: [], errors: [`line ${error.line}: ${error.message}`] };
    throw error;
  }
  const [header, ...rows] = records;
  if (header === undefined) return { mappings: [], errors: ['line 1: the file is empty; expected a header row'] };

  const columns = header.fields.map((name) => name.trim());
  const headerErrors = [
    ...columns.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name)).map((name) => `unknown column "${name}"`),
    ...REQUIRED_COLUMNS.filter((name) => !columns.includes(name)).map((name) => `missing column "${name}"`),
    ...columns.filter((name, index) => columns.indexOf(name) !== index).map((name) => `duplicate column "${name}"`),
  ];
  if (headerErrors.length > 0) {
    return { mappings: [], errors: headerErrors.map((message) => `line ${header.line}: ${message} (columns: ${CSV_COLUMNS.join(', ')})`) };
  }

  const mappings: StudioMapping[] = [];
  const errors: string[] = [];
  const firstLine = new Map<string, number>();
  const profileOwners = new Map<string, { username: string; line: number }>();
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      errors.push(`line ${row.line}: expected ${columns.length} fields, found ${row.fields.length}`);
      continue;
    }
    const candidate = Object.fromEntries(columns.map((name, index) => [name, readCsvValue(row.fields[index].trim())]));
    const parsed = parseMapping(candidate);
    if (!parsed.ok) {
      errors.push(...parsed.problems.map((problem) => `line ${row.line}: ${problem.message}`));
      continue;
    }
    const seen = firstLine.get(parsed.mapping.username);
    if (seen !== undefined) {
      errors.push(`line ${row.line}: username "${parsed.mapping.username}" already appears on line ${seen}`);
      continue;
    }
    const owner = profileOwners.get(profileKey(parsed.mapping));
    if (owner !== undefined) {
      errors.push(`line ${row.line}: user profile ${profileKey(parsed.mapping)} is already mapped to "${owner.username}" on line ${owner.line}: ${SHARED_PROFILE_WHY}`);
      continue;
    }
    firstLine.set(parsed.mapping.username, row.line);
    profileOwners.set(profileKey(parsed.mapping), { username: parsed.mapping.username, line: row.line });
    mappings.push(parsed.mapping);
  }
  return { mappings, errors };
}

/** A Studio user profile, as `<domain id>/<profile name>`. */
export function profileKey(mapping: Pick<StudioMapping, 'domainId' | 'userProfileName'>): string {
  return `${mapping.domainId}/${mapping.userProfileName}`;
}

/** Why two users must not share a profile: they would be one Studio identity. */
export const SHARED_PROFILE_WHY =
  'two users on one profile share its spaces, files and execution role, so each can act as the other; give each user their own profile';

export function mappingCsvHeader(): string {
  return CSV_COLUMNS.join(',');
}

export function mappingCsvRow(mapping: MappingCandidate): string {
  return CSV_COLUMNS.map((column) => csvField(typeof mapping[column] === 'string' ? (mapping[column] as string) : '')).join(',');
}
