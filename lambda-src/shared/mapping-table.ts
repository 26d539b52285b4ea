import { type AttributeValue, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { MAPPING_KEY, type MappingProblem, mappingProblems, type StudioMapping } from './mapping';

/** A raw DynamoDB item of the mapping table. */
export type MappingItem = Record<string, AttributeValue>;

/** A mapping as read or typed, before validation. */
export type MappingCandidate = Partial<Record<keyof StudioMapping, unknown>>;

const FIELDS: readonly (keyof StudioMapping)[] = ['username', 'domainId', 'userProfileName', 'spaceName', 'landingUri'];

type ParsedMapping = { ok: true; mapping: StudioMapping } | { ok: false; problems: MappingProblem[] };

/** Validates a candidate with the shared rules and narrows it to a StudioMapping. */
export function parseMapping(candidate: MappingCandidate): ParsedMapping {
  const problems = mappingProblems(candidate);
  if (problems.length > 0) return { ok: false, problems };
  const mapping: StudioMapping = {
    username: candidate.username as string,
    domainId: candidate.domainId as string,
    userProfileName: candidate.userProfileName as string,
  };
  // Empty optional values count as absent, as in mappingProblems().
  if (candidate.spaceName) mapping.spaceName = candidate.spaceName as string;
  if (candidate.landingUri) mapping.landingUri = candidate.landingUri as string;
  return { ok: true, mapping };
}

/**
 * Reads an item back into a candidate mapping. An attribute of the wrong DynamoDB type is passed on
 * as-is so that validation reports it instead of it silently disappearing.
 */
export function itemToCandidate(item: MappingItem): MappingCandidate {
  const candidate: MappingCandidate = {};
  for (const field of FIELDS) {
    const attribute = item[field];
    if (attribute !== undefined) candidate[field] = attribute.S ?? attribute;
  }
  return candidate;
}

export function mappingToItem(mapping: StudioMapping): MappingItem {
  const item: MappingItem = {};
  for (const field of FIELDS) {
    const value = mapping[field];
    if (value !== undefined) item[field] = { S: value };
  }
  return item;
}

export function mappingKey(username: string): MappingItem {
  return { [MAPPING_KEY]: { S: username } };
}

/** Strongly consistent, so a mapping change or removal applies to the very next request. */
export async function getMappingItem(client: DynamoDBClient, tableName: string, username: string): Promise<MappingItem | undefined> {
  const output = await client.send(new GetItemCommand({ TableName: tableName, Key: mappingKey(username), ConsistentRead: true }));
  return output.Item;
}
