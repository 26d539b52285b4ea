import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DeployRole, DeployRoleProps } from './deploy-role';

interface DeployRoleBootstrapStackProps {
  /** The account the role is created in; the provider refuses any other. */
  readonly accountId: string;
  readonly region: string;
  readonly deployRole: DeployRoleProps;
}

/**
 * Applied once per account, before the landing zone's first deployment, by an administrator of that
 * account with their own credentials (the deploy role does not exist yet to be assumed). Local
 * state unless the team adds its own backend.
 */
export class DeployRoleBootstrapStack extends TerraformStack {
  readonly deployRole: DeployRole;

  constructor(scope: Construct, id: string, props: DeployRoleBootstrapStackProps) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: props.region, allowedAccountIds: [props.accountId] });
    this.deployRole = new DeployRole(this, 'deploy-role', props.deployRole);
  }
}
