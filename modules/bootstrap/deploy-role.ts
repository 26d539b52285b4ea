import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';

/** An IAM policy document as `npm run deploy-roles` writes it. */
export interface PolicyDocumentJson {
  /** The policy language version, `2012-10-17`. */
  readonly Version: string;
  /** The policy's statements. */
  readonly Statement: readonly object[];
}

export interface DeployRoleProps {
  /** Name of the deploy role the landing zone's stacks assume in this account. */
  readonly roleName: string;
  /** Who may assume it (the pipeline's role or Terraform Cloud's OIDC identity). */
  readonly trustPolicy: PolicyDocumentJson;
  /** The role's permissions, already split within IAM's managed-policy size quota; keyed by name. */
  readonly managedPolicies: readonly { readonly name: string; readonly document: PolicyDocumentJson }[];
  /** Name of the permissions boundary policy every role of the landing zone carries. */
  readonly permissionsBoundaryName: string;
  /** The boundary policy's document. */
  readonly permissionsBoundary: PolicyDocumentJson;
}

/**
 * One account's deploy role as `npm run deploy-roles` derived it from the synthesized stacks: the
 * boundary policy (which the deploy role carries too, and which the stacks' roles must carry), the
 * managed policies, the role and its attachments. Policies are keyed by their names, so a policy
 * added or removed by a later generation changes only itself.
 */
export class DeployRole extends Construct {
  readonly role: IamRole;
  readonly boundary: IamPolicy;

  constructor(scope: Construct, id: string, props: DeployRoleProps) {
    super(scope, id);
    this.boundary = new IamPolicy(this, 'boundary', {
      name: props.permissionsBoundaryName,
      description: 'Permissions boundary of the landing zone deploy role and of every role it creates',
      policy: JSON.stringify(props.permissionsBoundary),
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      assumeRolePolicy: JSON.stringify(props.trustPolicy),
      permissionsBoundary: this.boundary.arn,
      maxSessionDuration: 3600,
    });
    for (const { name, document } of props.managedPolicies) {
      const policy = new IamPolicy(this, `policy-${name}`, { name, policy: JSON.stringify(document) });
      new IamRolePolicyAttachment(this, `attach-${name}`, { role: this.role.name, policyArn: policy.arn });
    }
  }
}
