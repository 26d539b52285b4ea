import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { DynamodbTableItem } from '@cdktf/provider-aws/lib/dynamodb-table-item';
import { MAPPING_KEY, StudioMapping } from '../../lambda-src/shared/mapping';
import { CustomerManagedKey } from '../shared/customer-managed-key';
import { suppressGuardrail } from '../../analysis/guardrails/suppress';

export interface MappingTableProps {
  /** Name of the table and alias of its key. */
  readonly tableName: string;
  /** The account whose root administers the table's key. */
  readonly accountId: string;
  /** Rows written with the table; `domainId` already resolved (it may be a created domain's id). */
  readonly seeds: StudioMapping[];
  /** DynamoDB deletion protection; off only to offboard the service. */
  readonly deletionProtection: boolean;
}

/**
 * username -> Studio domain, profile, optional space and landing URI. On-demand, point-in-time
 * recovery, encrypted with its own rotating key, protected from deletion unless the account file
 * turns that off to offboard the service: losing it locks every user out of Studio.
 */
export class MappingTable extends Construct {
  readonly table: DynamodbTable;
  readonly key: CustomerManagedKey;

  constructor(scope: Construct, id: string, props: MappingTableProps) {
    super(scope, id);
    this.key = new CustomerManagedKey(this, 'key', {
      alias: props.tableName,
      description: `Encrypts the ${props.tableName} DynamoDB table`,
      accountId: props.accountId,
      usage: [],
    });
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: MAPPING_KEY,
      attribute: [{ name: MAPPING_KEY, type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: this.key.key.arn },
      deletionProtectionEnabled: props.deletionProtection,
    });
    if (!props.deletionProtection) {
      suppressGuardrail(this.table, 'LZ-DDB-003',
        'deletionProtection: false in the account file, set to destroy the table (offboarding the service, see docs/runbook.md)');
    }
    // Keyed by username (the table's key, unique per validation): one user's row is one resource.
    for (const seed of props.seeds) {
      const item = Object.fromEntries(
        Object.entries(seed)
          .filter(([, value]) => value !== undefined)
          .map(([name, value]) => [name, { S: value }]),
      );
      new DynamodbTableItem(this, `seed-${seed.username}`, {
        tableName: this.table.name,
        hashKey: this.table.hashKey,
        item: JSON.stringify(item),
      });
    }
  }
}
