import { CreateTableCommand, DynamoDBClient, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { MAPPING_KEY, type StudioMapping } from '../../lambda-src/shared/mapping';
import { mappingToItem } from '../../lambda-src/shared/mapping-table';
import { TEST_REGION } from './aws-env';
import { close, listen } from './http';

/** dynalite: a DynamoDB implementation speaking the real wire protocol, in memory. */
export interface LocalDynamo {
  endpoint: string;
  /** A client for test setup; the code under test builds its own from the environment. */
  client: DynamoDBClient;
  /** Creates a fresh mapping table (partition key `username`) and returns its name. */
  createMappingTable(): Promise<string>;
  putMapping(table: string, mapping: StudioMapping): Promise<void>;
  putRawItem(table: string, item: Record<string, AttributeValue>): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalDynamo(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const endpoint = await listen(server);
  const client = new DynamoDBClient({
    endpoint,
    region: TEST_REGION,
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' },
  });
  let tables = 0;
  const putRawItem = async (table: string, item: Record<string, AttributeValue>) => {
    await client.send(new PutItemCommand({ TableName: table, Item: item }));
  };
  return {
    endpoint,
    client,
    async createMappingTable() {
      const name = `studio-mappings-${++tables}`;
      await client.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: MAPPING_KEY, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: MAPPING_KEY, KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      return name;
    },
    putMapping: (table, mapping) => putRawItem(table, mappingToItem(mapping)),
    putRawItem,
    async close() {
      client.destroy();
      await close(server);
    },
  };
}
