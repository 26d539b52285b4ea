import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  paginateScan,
} from '@aws-sdk/client-dynamodb';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { clientConfig } from '../shared/aws';
import type { Env } from '../shared/env';
import type { StudioMapping } from '../shared/mapping';
import { type MappingCandidate, type MappingItem, itemToCandidate, mappingKey, mappingToItem, parseMapping } from '../shared/mapping-table';
import { CSV_COLUMNS, mappingCsvHeader, mappingCsvRow, profileKey, readMappingCsv, SHARED_PROFILE_WHY } from './mapping-csv';

const USAGE = `Usage: npm run mappings -- <command> [options]

Commands:
  put <username> --domain-id <d-...> --user-profile <name> [--space <name>] [--landing-uri <uri>]
  get <username>
  delete <username>
  list                          prints CSV that import accepts
  import <file.csv> [--dry-run] creates or updates the file's mappings; others are left alone

<username> is the user's id: the value of the account file's identityProvider.usernameClaim in
their tokens (sub by default, oid for Entra ID), e.g. 00u1a2b3c4d5e6f7g8h9.

Options:
  --table <name>   mapping table (default: $MAPPING_TABLE_NAME)

AWS_REGION, credentials and AWS_ENDPOINT_URL_DYNAMODB come from the usual AWS SDK configuration.`;

interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Usage mistakes exit 2, failed operations 1. */
class UsageError extends Error {}
class Failure extends Error {}

const OPTIONS = {
  table: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'domain-id': { type: 'string' },
  'user-profile': { type: 'string' },
  space: { type: 'string' },
  'landing-uri': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const PUT_OPTIONS = ['domain-id', 'user-profile', 'space', 'landing-uri'] as const;

/** Each command and the form of its one positional argument (none for list). */
const COMMANDS = {
  put: 'put <username>',
  get: 'get <username>',
  delete: 'delete <username>',
  list: undefined,
  import: 'import <file.csv>',
} as const;

type Command = keyof typeof COMMANDS;

export async function main(argv: string[], io: CliIo = processIo, env: Env = process.env): Promise<number> {
  let client: DynamoDBClient | undefined;
  try {
    const { values, positionals } = parseCommandLine(argv);
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const [command, argument] = checkCommand(positionals);
    checkOptionsFor(command, values);
    const table = values.table ?? env.MAPPING_TABLE_NAME;
    if (!table) throw new UsageError('no table: pass --table <name> or set MAPPING_TABLE_NAME');

    // Short timeouts suit the Lambdas; an operator's laptop on a VPN deserves more patience.
    client = new DynamoDBClient(clientConfig({ connectionTimeoutMs: 5_000, requestTimeoutMs: 10_000 }));
    const commands = new MappingCommands(client, table, io);
    const run: Record<Command, () => Promise<number>> = {
      put: () => commands.put(argument, values),
      get: () => commands.get(argument),
      delete: () => commands.delete(argument),
      list: () => commands.list(),
      import: () => commands.import(argument, values['dry-run'] === true),
    };
    return await run[command]();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    const { name, message } = error as { name?: string; message?: string };
    io.err(error instanceof Failure ? `error: ${message}` : `error: ${name}: ${message}`);
    return 1;
  } finally {
    client?.destroy();
  }
}

function checkCommand(positionals: string[]): [Command, string] {
  const [command, argument, ...extra] = positionals;
  if (command === undefined) throw new UsageError('no command given');
  if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}"`);
  const form = COMMANDS[command as Command];
  if (form === undefined && argument !== undefined) throw new UsageError(`${command} takes no argument, got "${argument}"`);
  if (form !== undefined && argument === undefined) throw new UsageError(`missing argument: ${form}`);
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  return [command as Command, argument ?? ''];
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function checkOptionsFor(command: string | undefined, values: Options): void {
  const misplaced = [
    ...(command === 'put' ? [] : PUT_OPTIONS.filter((name) => values[name] !== undefined)),
    ...(command === 'import' || values['dry-run'] === undefined ? [] : ['dry-run']),
  ];
  if (misplaced.length > 0) throw new UsageError(`${misplaced.map((name) => `--${name}`).join(', ')} not valid for "${command}"`);
}

class MappingCommands {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly io: CliIo,
  ) {}

  async put(username: string, values: Options): Promise<number> {
    const parsed = parseMapping({
      username,
      domainId: values['domain-id'],
      userProfileName: values['user-profile'],
      spaceName: values.space,
      landingUri: values['landing-uri'],
    });
    if (!parsed.ok) throw new Failure(`invalid mapping for "${username}":\n  ${parsed.problems.map((problem) => problem.message).join('\n  ')}`);
    const owner = (await this.scan()).map(itemToCandidate).find(
      (candidate) => candidate.username !== username && candidate.domainId === parsed.mapping.domainId && candidate.userProfileName === parsed.mapping.userProfileName,
    );
    if (owner !== undefined) {
      throw new Failure(`user profile ${profileKey(parsed.mapping)} is already mapped to "${String(owner.username)}": ${SHARED_PROFILE_WHY}`);
    }
    const output = await this.client.send(
      new PutItemCommand({ TableName: this.table, Item: mappingToItem(parsed.mapping), ReturnValues: 'ALL_OLD' }),
    );
    this.io.out(`${output.Attributes ? 'updated' : 'created'} ${describe(parsed.mapping)}`);
    return 0;
  }

  /** Prints the item even when malformed, with its problems, to help fix what the handler refused. */
  async get(username: string): Promise<number> {
    const output = await this.client.send(new GetItemCommand({ TableName: this.table, Key: mappingKey(username), ConsistentRead: true }));
    if (!output.Item) throw new Failure(`no mapping for "${username}"`);
    const candidate = itemToCandidate(output.Item);
    this.io.out(JSON.stringify(candidate, null, 2));
    return this.reportProblems([candidate]);
  }

  async delete(username: string): Promise<number> {
    const output = await this.client.send(new DeleteItemCommand({ TableName: this.table, Key: mappingKey(username), ReturnValues: 'ALL_OLD' }));
    if (!output.Attributes) throw new Failure(`no mapping for "${username}"`);
    this.io.out(`deleted ${username}`);
    return 0;
  }

  async list(): Promise<number> {
    const candidates = (await this.scan()).map(itemToCandidate).sort(byUsername);
    this.io.out(mappingCsvHeader());
    for (const candidate of candidates) this.io.out(mappingCsvRow(candidate));
    return this.reportProblems(candidates);
  }

  /** All rows are validated before anything is written: a file with any error changes nothing. */
  async import(file: string, dryRun: boolean): Promise<number> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Failure(`cannot read ${file}: ${(error as Error).message}`);
    }
    const { mappings, errors } = readMappingCsv(text);
    if (errors.length > 0) {
      throw new Failure(`${file} has ${errors.length} problem(s); nothing was imported:\n${errors.map((error) => `  ${file}:${error}`).join('\n')}`);
    }

    const existing = new Map((await this.scan()).map((item) => [item.username?.S, itemToCandidate(item)]));
    const shared = sharedProfiles(existing, mappings);
    if (shared.length > 0) {
      throw new Failure(`${file} would map a user profile to two users; nothing was imported (${SHARED_PROFILE_WHY}):\n${shared.map((line) => `  ${line}`).join('\n')}`);
    }
    const plan = mappings.map((mapping) => ({ mapping, changes: changesFrom(existing.get(mapping.username), mapping) }));
    const verb = dryRun ? 'would ' : '';
    let created = 0;
    let updated = 0;
    for (const { mapping, changes } of plan) {
      if (changes !== undefined && changes.length === 0) continue;
      if (!dryRun) await this.client.send(new PutItemCommand({ TableName: this.table, Item: mappingToItem(mapping) }));
      if (changes === undefined) {
        created++;
        this.io.out(`${verb}create ${describe(mapping)}`);
      } else {
        updated++;
        this.io.out(`${verb}update ${mapping.username}: ${changes.join(', ')}`);
      }
    }
    const imported = new Set(mappings.map((mapping) => mapping.username));
    const untouched = [...existing.keys()].filter((username) => !imported.has(username as string)).length;
    const unchanged = plan.length - created - updated;
    this.io.out(
      dryRun
        ? `Dry run, nothing written: ${created} to create, ${updated} to update, ${unchanged} unchanged; ${untouched} other mapping(s) in ${this.table} would stay as they are.`
        : `${created} created, ${updated} updated, ${unchanged} unchanged; ${untouched} other mapping(s) in ${this.table} stay as they are.`,
    );
    return 0;
  }

  private async scan(): Promise<MappingItem[]> {
    const items: MappingItem[] = [];
    for await (const page of paginateScan({ client: this.client }, { TableName: this.table, ConsistentRead: true })) {
      items.push(...(page.Items ?? []));
    }
    return items;
  }

  private reportProblems(candidates: MappingCandidate[]): number {
    let malformed = 0;
    for (const candidate of candidates) {
      const parsed = parseMapping(candidate);
      if (parsed.ok) continue;
      malformed++;
      const key = typeof candidate.username === 'string' ? candidate.username : JSON.stringify(candidate.username);
      for (const problem of parsed.problems) this.io.err(`warning: mapping "${key}" is malformed: ${problem.message}`);
    }
    return malformed > 0 ? 1 : 0;
  }
}

function describe(mapping: StudioMapping): string {
  const target = [mapping.domainId, mapping.userProfileName, mapping.spaceName, mapping.landingUri].filter(Boolean).join(' / ');
  return `${mapping.username} -> ${target}`;
}

/** undefined when the user has no mapping yet; otherwise the changed fields, empty when identical. */
function changesFrom(current: MappingCandidate | undefined, next: StudioMapping): string[] | undefined {
  if (current === undefined) return undefined;
  const show = (value: unknown) => (value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value));
  return CSV_COLUMNS.filter((field) => current[field] !== next[field]).map((field) => `${field} ${show(current[field])} -> ${show(next[field])}`);
}

/** Profiles that the table would map to two users once the file's mappings are written over it. */
function sharedProfiles(existing: Map<string | undefined, MappingCandidate>, mappings: StudioMapping[]): string[] {
  const imported = new Set(mappings.map((mapping) => mapping.username));
  const owners = new Map(mappings.map((mapping) => [profileKey(mapping), mapping.username]));
  const problems: string[] = [];
  for (const [username, candidate] of existing) {
    if (imported.has(username as string) || typeof candidate.domainId !== 'string' || typeof candidate.userProfileName !== 'string') continue;
    const owner = owners.get(profileKey(candidate as StudioMapping));
    if (owner !== undefined) problems.push(`user profile ${profileKey(candidate as StudioMapping)}: "${owner}" in the file, "${String(username)}" in the table`);
  }
  return problems;
}

function byUsername(a: MappingCandidate, b: MappingCandidate): number {
  return String(a.username) < String(b.username) ? -1 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
