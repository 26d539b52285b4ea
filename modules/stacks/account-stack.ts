import { Construct } from 'constructs';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ResolvedLandingZone } from '../config/types';
import { LogsKey } from '../shared/encrypted-log-group';
import { configureBackend } from './backend';

export interface AccountStackProps {
  zone: ResolvedLandingZone;
  accountId: string;
  roleArn: string;
}

/**
 * A stack that deploys into exactly one account: its provider assumes the deploy role there and
 * refuses to touch any other account, and it owns the key for its log groups.
 */
export abstract class AccountStack extends TerraformStack {
  readonly zone: ResolvedLandingZone;
  readonly accountId: string;
  private logsKeyInstance?: LogsKey;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id);
    this.zone = props.zone;
    this.accountId = props.accountId;
    new AwsProvider(this, 'aws', {
      region: props.zone.region,
      allowedAccountIds: [props.accountId],
      assumeRole: [{ roleArn: props.roleArn, sessionName: `landing-${props.zone.environment}-${id}`.slice(0, 64) }],
      defaultTags: [{ tags: { ...props.zone.tags, LandingZone: props.zone.environment, Stack: id, ManagedBy: 'cdktf' } }],
    });
    configureBackend(this, props.zone.backend, {
      environment: props.zone.environment,
      region: props.zone.region,
      stackName: id,
      outdir: App.of(this).outdir,
    });
  }

  /** The key for this stack's log groups, created with the first log group (a key costs money). */
  get logsKey(): LogsKey {
    this.logsKeyInstance ??= new LogsKey(this, 'logs-key', {
      alias: `${this.zone.environment}-${this.node.id}-logs`,
      accountId: this.accountId,
      region: this.zone.region,
    });
    return this.logsKeyInstance;
  }

  /** Log retention shared by every log group of the landing zone. */
  get logRetentionDays(): number {
    return this.zone.network.logRetentionDays;
  }

  /** Name prefix for resources of this stack. */
  prefix(name: string): string {
    return `${this.zone.environment}-${name}`;
  }
}
