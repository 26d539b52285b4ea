import { MappingTable } from '../../modules/service/mapping-table';
import { addressesOf, blocksOf, onlyBlock, reference, synthUnit } from '../support/unit-synth';

const seeds = [
  { username: 'alice-sub', domainId: 'd-abcdefghijkl', userProfileName: 'alice' },
  { username: 'bob-sub', domainId: 'd-abcdefghijkl', userProfileName: 'bob', spaceName: 'bob-space' },
];

describe('MappingTable', () => {
  const build = (deletionProtection: boolean, rows = seeds) => synthUnit((scope) => new MappingTable(scope, 'm', {
    tableName: 'x-mappings', accountId: '111111111111', seeds: rows, deletionProtection,
  })).resource;

  it('is on-demand, recoverable, protected from deletion and encrypted with its own key', () => {
    const resources = build(true);
    expect(onlyBlock(resources, 'aws_dynamodb_table')).toMatchObject({
      name: 'x-mappings', billing_mode: 'PAY_PER_REQUEST', hash_key: 'username', attribute: [{ name: 'username', type: 'S' }],
      point_in_time_recovery: { enabled: true }, deletion_protection_enabled: true,
      server_side_encryption: { enabled: true, kms_key_arn: reference('aws_kms_key', addressesOf(resources, 'aws_kms_key')[0], 'arn') },
    });
    expect(onlyBlock(resources, 'aws_kms_alias').name).toBe('alias/x-mappings');
    expect(onlyBlock(build(false), 'aws_dynamodb_table').deletion_protection_enabled).toBe(false);
  });

  it('writes one item per user, keyed by username, with only the attributes given', () => {
    const resources = build(true);
    expect(addressesOf(resources, 'aws_dynamodb_table_item')).toEqual([expect.stringMatching(/^m_seed-alice-sub_/), expect.stringMatching(/^m_seed-bob-sub_/)]);
    const items = blocksOf(resources, 'aws_dynamodb_table_item').map((item) => JSON.parse(String(item.item)) as Record<string, unknown>);
    expect(items).toContainEqual({ username: { S: 'bob-sub' }, domainId: { S: 'd-abcdefghijkl' }, userProfileName: { S: 'bob' }, spaceName: { S: 'bob-space' } });
    expect(items).toContainEqual({ username: { S: 'alice-sub' }, domainId: { S: 'd-abcdefghijkl' }, userProfileName: { S: 'alice' } });
    // Removing one user removes only that user's item.
    expect(addressesOf(build(true, [seeds[1]]), 'aws_dynamodb_table_item')).toEqual([addressesOf(resources, 'aws_dynamodb_table_item')[1]]);
  });
});
