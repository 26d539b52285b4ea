/**
 * IAM policy documents as plain JSON strings. Terraform references inside them stay `${...}`
 * interpolations, so the synthesized policy is still one analysable JSON document (guardrails and
 * the policy evaluator read it); `Fn.jsonencode` would hide it behind a function call.
 */

type PolicyPrincipal = '*' | { AWS?: string | string[]; Service?: string | string[] };

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: PolicyPrincipal;
  NotPrincipal?: PolicyPrincipal;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * Trust policy for an AWS service, bound to one account so that the service cannot be used as a
 * confused deputy from another account.
 */
export function serviceTrustPolicy(service: string, accountId: string): string {
  return policyDocument([
    {
      Sid: 'AssumeFromOwnAccountOnly',
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    },
  ]);
}
