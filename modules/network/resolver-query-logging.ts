import { Construct } from 'constructs';
import { Route53ResolverQueryLogConfig } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config';
import { Route53ResolverQueryLogConfigAssociation } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config-association';
import { EncryptedLogGroup } from '../shared/encrypted-log-group';

export interface ResolverQueryLoggingProps {
  /** Names the query log configuration and its log group (`/route53resolver/<name>`). */
  readonly name: string;
  /** The logged VPCs, by a stable name (`hub`). */
  readonly vpcIds: Record<string, string>;
  /** The KMS key that encrypts its log groups. */
  readonly logsKeyArn: string;
  /** Days the log group keeps queries. */
  readonly logRetentionDays: number;
}

/** Every DNS query resolved in the given VPCs, kept in an encrypted log group. */
export class ResolverQueryLogging extends Construct {
  readonly logGroup: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: ResolverQueryLoggingProps) {
    super(scope, id);
    this.logGroup = new EncryptedLogGroup(this, 'log-group', {
      name: `/route53resolver/${props.name}`,
      kmsKeyArn: props.logsKeyArn,
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
