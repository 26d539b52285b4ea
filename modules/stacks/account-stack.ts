import { Construct, IConstruct } from 'constructs';
import { App, IAspect, TerraformBackend } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ResolvedLandingZone } from '../config/types';
import { LogsKey } from '../shared/encrypted-log-group';
import { LANDING_ZONE_TAG, STACK_TAG, stackId } from '../shared/naming';
import { configureBackend } from './backend';
import { ResolvedOnceStack } from './resolved-once-stack';

/** The Terraform CLI every stack needs. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10';

export interface AccountStackProps {
  /** The landing zone the stack belongs to: its environment and region are part of the stack id. */
  readonly landingZone: ResolvedLandingZone;
  /** The one account the stack's provider may touch. */
  readonly accountId: string;
  /** The deploy role the provider assumes in that account. */
  readonly roleArn: string;
}

/**
 * Every role a stack creates carries the deploy roles' permissions boundary: the deploy role may
 * only create roles that do (docs/deploy-roles.md), so a role it creates never holds more than it.
 */
class RolesCarryTheBoundary implements IAspect {
  constructor(private readonly boundaryArn: string) {}

  visit(node: IConstruct): void {
    if (node instanceof IamRole && node.permissionsBoundaryInput === undefined) node.permissionsBoundary = this.boundaryArn;
  }
}

/**
 * A stack that deploys into exactly one account: its provider assumes the deploy role there and
 * refuses to touch any other account, and it owns the key for its log groups.
 */
export abstract class AccountStack extends ResolvedOnceStack {
  readonly landingZone: ResolvedLandingZone;
  readonly accountId: string;
  /** The stack's name within its landing zone (`network`); its id in the app is `stackId(landingZone, stackName)`. */
  readonly stackName: string;
  private logsKeyInstance?: LogsKey;
  private readonly backend: TerraformBackend;

  /**
   * @param name the stack's name within its landing zone: what its state, tags and log key are
   * named by; the construct id adds the zone's environment and region, so two zones fit in one app.
   */
  constructor(scope: Construct, name: string, props: AccountStackProps) {
    super(scope, stackId(props.landingZone, name));
    this.landingZone = props.landingZone;
    this.stackName = name;
    this.accountId = props.accountId;
    new AwsProvider(this, 'aws', {
      region: props.landingZone.region,
      allowedAccountIds: [props.accountId],
      assumeRole: [{ roleArn: props.roleArn, sessionName: `landing-${props.landingZone.environment}-${name}`.slice(0, 64) }],
      defaultTags: [{ tags: { ...props.landingZone.tags, [LANDING_ZONE_TAG]: props.landingZone.environment, [STACK_TAG]: name, ManagedBy: 'cdktf' } }],
    });
    this.addPreparedAspect(new RolesCarryTheBoundary(`arn:aws:iam::${props.accountId}:policy/${props.landingZone.deployRoles.permissionsBoundaryName}`));
    this.backend = configureBackend(this, props.landingZone.backend, {
      environment: props.landingZone.environment,
      region: props.landingZone.region,
      stackName: name,
      stackId: this.node.id,
      outdir: App.of(this).outdir,
    });
    // S3-native state locking (`use_lockfile`) needs 1.10, and an older CLI would otherwise only
    // fail on the backend block with a less helpful message.
    // https://developer.hashicorp.com/terraform/language/backend/s3#state-locking
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
  }

  /**
   * The backend the stack was given. cdktf looks it up by walking the whole stack each time another
   * stack reads one of its outputs: the network stack is walked once per service and link stack,
   * each walk longer by the outputs the ones before added (quadratic in the services).
   */
  override ensureBackendExists(): TerraformBackend {
    return this.backend;
  }

  /** The ARN of the key for this stack's log groups, created with the first log group (a key costs money). */
  get logsKeyArn(): string {
    this.logsKeyInstance ??= new LogsKey(this, 'logs-key', {
      alias: `${this.landingZone.environment}-${this.stackName}-logs`,
      accountId: this.accountId,
      region: this.landingZone.region,
    });
    return this.logsKeyInstance.key.arn;
  }

  /** Log retention shared by every log group of the landing zone. */
  get logRetentionDays(): number {
    return this.landingZone.logs.retentionDays;
  }

  /** Name prefix for resources of this stack. */
  prefix(name: string): string {
    return `${this.landingZone.environment}-${name}`;
  }
}
