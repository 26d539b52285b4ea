import { Construct } from 'constructs';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { EncryptedLogGroup } from '../shared/encrypted-log-group';
import { policyDocument, serviceTrustPolicy } from '../shared/iam-policy';
import { iamRoleName } from '../shared/naming';

export interface VpcFlowLogProps {
  /** Name prefix of the VPC, e.g. `example-hub`: names the log group `/vpc/flow-logs/<name>` and the role. */
  readonly name: string;
  readonly vpcId: string;
  readonly accountId: string;
  /** Region of the VPC: part of the flow-log role's (account-global) name. */
  readonly region: string;
  /** The KMS key that encrypts the flow-log group. */
  readonly logsKeyArn: string;
  /** Days the flow-log group keeps records. */
  readonly logRetentionDays: number;
}

/**
 * Records ALL traffic of a VPC, created or existing, into an encrypted log group through a role
 * that may write only there. The resources are created in the caller's scope (not a construct of
 * their own), so the created VPC's flow log keeps the addresses it always had.
 */
export function recordVpcFlowLog(scope: Construct, props: VpcFlowLogProps): FlowLog {
  const flowLogGroup = new EncryptedLogGroup(scope, 'flow-log-group', {
    name: `/vpc/flow-logs/${props.name}`,
    kmsKeyArn: props.logsKeyArn,
    retentionInDays: props.logRetentionDays,
  });
  const flowLogRole = new IamRole(scope, 'flow-log-role', {
    name: iamRoleName(`${props.name}-flow-logs`, props.region),
    assumeRolePolicy: serviceTrustPolicy('vpc-flow-logs.amazonaws.com', props.accountId),
  });
  new IamRolePolicy(scope, 'flow-log-role-policy', {
    role: flowLogRole.id,
    name: 'write-flow-logs',
    policy: policyDocument([
      {
        Sid: 'WriteOwnFlowLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: `${flowLogGroup.arn}:*`,
      },
    ]),
  });
  return new FlowLog(scope, 'flow-log', {
    vpcId: props.vpcId,
    trafficType: 'ALL',
    logDestinationType: 'cloud-watch-logs',
    logDestination: flowLogGroup.arn,
    iamRoleArn: flowLogRole.arn,
    maxAggregationInterval: 60,
    tags: { Name: `${props.name}-flow-log` },
  });
}
