import { Construct } from 'constructs';
import { Route53ResolverQueryLogConfig } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config';
import { Route53ResolverQueryLogConfigAssociation } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config-association';
import { EncryptedLogGroup, LogsKey } from '../shared/encrypted-log-group';

export interface ResolverQueryLoggingProps {
  name: string;
  /** The logged VPCs, by a stable name (`hub`). */
  vpcIds: Record<string, string>;
  logsKey: LogsKey;
  logRetentionDays: number;
}

/** Every DNS query resolved in the given VPCs, kept in an encrypted log group. */
export class ResolverQueryLogging extends Construct {
  readonly logGroup: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: ResolverQueryLoggingProps) {
    super(scope, id);
    this.logGroup = new EncryptedLogGroup(this, 'log-group', {
      name: `/route53resolver/${props.name}`,
      key: props.logsKey,
      retentionInDays: props.logRetentionDays,
    });
    const config = new Route53ResolverQueryLogConfig(this, 'config', {
      name: props.name,
      destinationArn: this.logGroup.arn,
    });
    for (const [vpcName, resourceId] of Object.entries(props.vpcIds)) {
      new Route53ResolverQueryLogConfigAssociation(this, `vpc-${vpcName}`, {
        resolverQueryLogConfigId: config.id,
        resourceId,
      });
    }
  }
}
