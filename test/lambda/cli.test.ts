import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../lambda-src/cli/mappings';
import { useLocalAws } from '../../tools/local-aws/aws-env';
import { type LocalDynamo, startLocalDynamo } from '../../tools/local-aws/dynamo';

let dynamo: LocalDynamo;
let restoreEnv: () => void;
let table: string;
let workDir: string;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  restoreEnv = useLocalAws({ dynamodb: dynamo.endpoint });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mappings-cli-'));
});
afterAll(async () => {
  restoreEnv();
  fs.rmSync(workDir, { recursive: true, force: true });
  await dynamo.close();
});
beforeEach(async () => {
  table = await dynamo.createMappingTable();
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, {});
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function csvFile(name: string, content: string): string {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, content);
  return file;
}

const list = async () => (await cli('list', '--table', table)).out;

describe('put, get, list, delete', () => {
  it('creates, updates, reads, lists and deletes a mapping', async () => {
    expect(await cli('put', 'alice', '--table', table, '--domain-id', 'd-abcdef123456', '--user-profile', 'alice')).toEqual({
      code: 0,
      out: 'created alice -> d-abcdef123456 / alice',
      err: '',
    });
    expect((await cli('put', 'alice', '--table', table, '--domain-id', 'd-abcdef123456', '--user-profile', 'alice', '--space', 'lab')).out).toBe(
      'updated alice -> d-abcdef123456 / alice / lab',
    );

    const got = await cli('get', 'alice', '--table', table);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.out)).toEqual({ username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice', spaceName: 'lab' });

    expect(await list()).toBe('username,domainId,userProfileName,spaceName,landingUri\nalice,d-abcdef123456,alice,lab,');

    expect(await cli('delete', 'alice', '--table', table)).toEqual({ code: 0, out: 'deleted alice', err: '' });
    expect(await cli('delete', 'alice', '--table', table)).toEqual({ code: 1, out: '', err: 'error: no mapping for "alice"' });
    expect(await cli('get', 'alice', '--table', table)).toEqual({ code: 1, out: '', err: 'error: no mapping for "alice"' });
  });

  it('takes the table from MAPPING_TABLE_NAME', async () => {
    await dynamo.putMapping(table, { username: 'bob', domainId: 'd-abcdef123456', userProfileName: 'bob' });
    const out: string[] = [];
    const code = await main(['get', 'bob'], { out: (line) => out.push(line), err: () => undefined }, { MAPPING_TABLE_NAME: table });
    expect(code).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ username: 'bob' });
  });

  it('refuses an invalid mapping with the same rules as the handler and writes nothing', async () => {
    const result = await cli('put', 'alice smith', '--table', table, '--domain-id', 'D-123', '--user-profile=-bad-');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: invalid mapping for "alice smith":/);
    expect(result.err).toContain('username must be');
    expect(result.err).toContain('domainId must be a SageMaker domain id');
    expect(result.err).toContain('userProfileName must be a SageMaker user profile name');
    expect(await list()).toBe('username,domainId,userProfileName,spaceName,landingUri');
  });

  it('shows a malformed item with its problems', async () => {
    await dynamo.putRawItem(table, { username: { S: 'carol' }, domainId: { S: 'd-abcdef123456' }, userProfileName: { N: '7' } });
    const result = await cli('get', 'carol', '--table', table);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({ username: 'carol', domainId: 'd-abcdef123456', userProfileName: { N: '7' } });
    expect(result.err).toBe('warning: mapping "carol" is malformed: userProfileName must be a SageMaker user profile name: 1..63 letters, digits and hyphens, not starting or ending with a hyphen');
  });

  it('reports AWS errors clearly', async () => {
    expect(await cli('list', '--table', 'no-such-table')).toMatchObject({ code: 1, err: expect.stringMatching(/^error: ResourceNotFoundException: /) });
  });
});

describe('import', () => {
  const HEADER = 'username,domainId,userProfileName,spaceName,landingUri';

  it('imports a CSV with quotes, CRLF, a byte order mark and blank lines', async () => {
    const file = csvFile(
      'users.csv',
      `\uFEFF${HEADER}\r\nalice,d-abcdef123456,alice,,\r\n\r\n"bob@corp.example.com",d-abcdef123456,"bob",bob-space,"app:JupyterLab:lab/tree/work"\r\n`,
    );
    const result = await cli('import', file, '--table', table);
    expect(result).toEqual({
      code: 0,
      out: [
        'create alice -> d-abcdef123456 / alice',
        'create bob@corp.example.com -> d-abcdef123456 / bob / bob-space / app:JupyterLab:lab/tree/work',
        `2 created, 0 updated, 0 unchanged; 0 other mapping(s) in ${table} stay as they are.`,
      ].join('\n'),
      err: '',
    });
    expect(await list()).toBe(
      [HEADER, 'alice,d-abcdef123456,alice,,', 'bob@corp.example.com,d-abcdef123456,bob,bob-space,app:JupyterLab:lab/tree/work'].join('\n'),
    );
  });

  it('reads back what list prints, changing nothing', async () => {
    await dynamo.putMapping(table, { username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice', landingUri: 'studio::' });
    const result = await cli('import', csvFile('listed.csv', await list()), '--table', table);
    expect(result.out).toBe(`0 created, 0 updated, 1 unchanged; 0 other mapping(s) in ${table} stay as they are.`);
  });

  it('prints the plan on --dry-run and writes nothing', async () => {
    await dynamo.putMapping(table, { username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice' });
    await dynamo.putMapping(table, { username: 'bob', domainId: 'd-abcdef123456', userProfileName: 'bob' });
    await dynamo.putMapping(table, { username: 'zoe', domainId: 'd-abcdef123456', userProfileName: 'zoe' });
    const before = await list();
    const file = csvFile(
      'plan.csv',
      ['username,domainId,userProfileName,spaceName', 'alice,d-abcdef123456,alice,', 'bob,d-0123456789ab,bob,bob-space', 'carol,d-abcdef123456,carol,'].join('\n'),
    );
    const result = await cli('import', file, '--dry-run', '--table', table);
    expect(result).toEqual({
      code: 0,
      out: [
        'would update bob: domainId d-abcdef123456 -> d-0123456789ab, spaceName (none) -> bob-space',
        'would create carol -> d-abcdef123456 / carol',
        `Dry run, nothing written: 1 to create, 1 to update, 1 unchanged; 1 other mapping(s) in ${table} would stay as they are.`,
      ].join('\n'),
      err: '',
    });
    expect(await list()).toBe(before);
  });

  it('lists every problem with its line number and imports nothing', async () => {
    const file = csvFile(
      'broken.csv',
      [
        HEADER,
        'alice,d-abcdef123456,alice,,',
        'bob,d-TOOSHORT,bob,,',
        'carol,d-abcdef123456,carol,,https://example.com',
        '',
        'alice,d-abcdef123456,alice2,,',
        'dave,d-abcdef123456',
      ].join('\n'),
    );
    const result = await cli('import', file, '--table', table);
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toEqual([
      `error: ${file} has 4 problem(s); nothing was imported:`,
      `  ${file}:line 3: domainId must be a SageMaker domain id: "d-" followed by 12 lowercase letters or digits`,
      `  ${file}:line 4: landingUri must be a Studio landing URI: studio::, app:JupyterLab:, app:CodeEditor:, app:JupyterServer:, app:RStudioServerPro: or app:Canvas:, optionally followed by a relative path without //, . or .. segments`,
      `  ${file}:line 6: username "alice" already appears on line 2`,
      `  ${file}:line 7: expected 5 fields, found 2`,
    ]);
    expect(await list()).toBe(HEADER);
  });

  it.each([
    ['an unknown column', 'username,domainId,userProfileName,domain\n', 'line 1: unknown column "domain"'],
    ['a missing column', 'username,domainId\n', 'line 1: missing column "userProfileName"'],
    ['an unterminated quote', `${HEADER}\nalice,"d-abcdef123456,alice,,\n`, 'line 2: unterminated quoted field'],
    ['an empty file', '', 'line 1: the file is empty; expected a header row'],
  ])('explains %s', async (_case, content, message) => {
    const result = await cli('import', csvFile('bad.csv', content), '--table', table);
    expect(result.code).toBe(1);
    expect(result.err).toContain(message);
  });

  it('explains an unreadable file', async () => {
    const result = await cli('import', path.join(workDir, 'missing.csv'), '--table', table);
    expect(result).toMatchObject({ code: 1, err: expect.stringMatching(/^error: cannot read .*missing\.csv: ENOENT/) });
  });
});

describe('one profile, one user', () => {
  it('refuses to put a second user on a mapped profile, and writes nothing', async () => {
    await dynamo.putMapping(table, { username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice' });
    const result = await cli('put', 'mallory', '--table', table, '--domain-id', 'd-abcdef123456', '--user-profile', 'alice');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^error: user profile d-abcdef123456\/alice is already mapped to "alice": two users on one profile share its spaces, files and execution role/);
    expect(await list()).toBe('username,domainId,userProfileName,spaceName,landingUri\nalice,d-abcdef123456,alice,,');
    // The same user may be re-mapped to their own profile.
    expect((await cli('put', 'alice', '--table', table, '--domain-id', 'd-abcdef123456', '--user-profile', 'alice', '--space', 'lab')).code).toBe(0);
  });

  it('refuses a file mapping one profile to two users', async () => {
    const file = csvFile('shared.csv', 'username,domainId,userProfileName\nalice,d-abcdef123456,alice\nmallory,d-abcdef123456,alice\n');
    const result = await cli('import', file, '--table', table);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${file}:line 3: user profile d-abcdef123456/alice is already mapped to "alice" on line 2`);
  });

  it('refuses a file that maps to someone else a profile the table already gives a user', async () => {
    await dynamo.putMapping(table, { username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice' });
    const file = csvFile('takeover.csv', 'username,domainId,userProfileName\nmallory,d-abcdef123456,alice\n');
    const result = await cli('import', file, '--table', table);
    expect(result.code).toBe(1);
    expect(result.err).toContain('user profile d-abcdef123456/alice: "mallory" in the file, "alice" in the table');
    expect(await list()).toBe('username,domainId,userProfileName,spaceName,landingUri\nalice,d-abcdef123456,alice,,');
  });

  it('accepts a file that moves a profile from one user to another in the same import', async () => {
    await dynamo.putMapping(table, { username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice' });
    const file = csvFile('move.csv', 'username,domainId,userProfileName\nalice,d-abcdef123456,alice-new\nalice2,d-abcdef123456,alice\n');
    expect((await cli('import', file, '--table', table)).code).toBe(0);
  });
});

describe('CSV export safe for spreadsheets', () => {
  it('defuses cells a spreadsheet would run as formulas, and reads them back unchanged', async () => {
    await dynamo.putMapping(table, { username: '-abc123', domainId: 'd-abcdef123456', userProfileName: 'dash' });
    await dynamo.putRawItem(table, { username: { S: 'eve' }, domainId: { S: 'd-abcdef123456' }, userProfileName: { S: '=HYPERLINK("https://evil.example.com","x")' } });
    await dynamo.putRawItem(table, { username: { S: 'tab' }, domainId: { S: '@SUM(A1)' }, userProfileName: { S: '\tx' }, spaceName: { S: '+1' } });
    const listed = await cli('list', '--table', table);
    expect(listed.out.split('\n')).toEqual([
      'username,domainId,userProfileName,spaceName,landingUri',
      `"'-abc123",d-abcdef123456,dash,,`,
      `eve,d-abcdef123456,"'=HYPERLINK(""https://evil.example.com"",""x"")",,`,
      `tab,"'@SUM(A1)","'\tx","'+1",`,
    ]);
    for (const line of listed.out.split('\n').slice(1)) {
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    const reimport = csvFile('listed.csv', listed.out.split('\n').slice(0, 2).join('\n'));
    expect((await cli('import', reimport, '--table', table)).out).toMatch(/^0 created, 0 updated, 1 unchanged/);
  });
});

describe('usage', () => {
  it.each([
    [[], 'no command given'],
    [['frobnicate', '--table', 't'], 'unknown command "frobnicate"'],
    [['list'], 'no table: pass --table <name> or set MAPPING_TABLE_NAME'],
    [['get', '--table', 't'], 'missing argument: get <username>'],
    [['list', '--table', 't', '--bogus'], "Unknown option '--bogus'"],
    [['put', 'alice', '--table', 't', '--dry-run'], '--dry-run not valid for "put"'],
    [['get', 'alice', 'bob', '--table', 't'], 'unexpected arguments: bob'],
    [['list', 'everything', '--table', 't'], 'list takes no argument, got "everything"'],
  ])('exits 2 with usage for %p', async (argv, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`error: ${message}`);
    expect(result.err).toContain('Usage: npm run mappings --');
  });

  it('runs as `npm run mappings`', async () => {
    await dynamo.putMapping(table, { username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice' });
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'mappings', '--', 'list', '--table', table], {
      cwd: path.resolve(__dirname, '../..'),
      env: process.env,
    });
    expect(stdout).toBe('username,domainId,userProfileName,spaceName,landingUri\nalice,d-abcdef123456,alice,,\n');
  });
});
