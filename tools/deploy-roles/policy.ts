/**
 * Policy documents and IAM's size quotas: a managed policy holds at most 6,144 characters and an
 * inline role policy 10,240, whitespace not counted, and a role takes 10 managed policies by
 * default (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Record<string, string | string[]>;
  Action: string[];
  Resource?: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

export const MANAGED_POLICY_MAX_CHARS = 6144;
export const MANAGED_POLICIES_PER_ROLE = 10;

/** The size IAM counts: the JSON without whitespace outside strings (none inside ours). */
export const policySize = (doc: unknown): number => JSON.stringify(doc).length;

/** Statements packed in order into as few managed policies as fit the quota. */
export function splitIntoManagedPolicies(statements: Statement[], prefix: string): { name: string; document: PolicyDocument }[] {
  const documents: PolicyDocument[] = [];
  for (const statement of statements) {
    const last = documents[documents.length - 1];
    if (last && policySize({ ...last, Statement: [...last.Statement, statement] }) <= MANAGED_POLICY_MAX_CHARS) {
      last.Statement.push(statement);
      continue;
    }
    const alone: PolicyDocument = { Version: '2012-10-17', Statement: [statement] };
    if (policySize(alone) > MANAGED_POLICY_MAX_CHARS) throw new Error(`statement ${statement.Sid} alone exceeds ${MANAGED_POLICY_MAX_CHARS} characters`);
    documents.push(alone);
  }
  if (documents.length > MANAGED_POLICIES_PER_ROLE) {
    throw new Error(`the deploy role needs ${documents.length} managed policies; IAM attaches ${MANAGED_POLICIES_PER_ROLE} to a role by default`);
  }
  return documents.map((document, i) => ({ name: `${prefix}${i + 1}`, document }));
}
