import { Construct } from 'constructs';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { EncryptedLogGroup } from '../shared/encrypted-log-group';
import { LinkedFileAsset } from '../shared/linked-file-asset';
import { PolicyStatement, policyDocument, serviceTrustPolicy } from '../shared/iam-policy';
import { DescribedSecurityGroup } from '../shared/security-group';
import { lambdaRoleName } from '../shared/naming';
import { lambdaArchive } from './lambda-archive';
import { SUBNET_DELETE_TIMEOUT } from '../network/private-vpc';

export interface VpcLambdaProps {
  /** Names the function, its role, log group and security group. */
  readonly functionName: string;
  /** Shown in the Lambda console. */
  readonly description: string;
  /** Lambda runtime (`nodejs22.x`); the bundle must be built for its Node version. */
  readonly runtime: string;
  /** Directory holding the esbuild bundle (`index.js`, `index.js.map`). */
  readonly bundleDir: string;
  /** Non-secret configuration only. */
  readonly environment: Record<string, string>;
  /** The VPC of the function's security group. */
  readonly vpcId: string;
  /** Subnets in at least two AZs. */
  readonly subnetIds: string[];
  /**
   * The group the function is moved to before it is deleted (the VPC's emptied default group), so
   * its own group can be deleted at once instead of waiting for Lambda to release the interfaces.
   */
  readonly replacementSecurityGroupId: string;
  /** The account of the function: its role trusts Lambda for this account only. */
  readonly accountId: string;
  /** Region of the function: its network-interface permissions and role name. */
  readonly region: string;
  /** The KMS key that encrypts its log groups. */
  readonly logsKeyArn: string;
  /** Days the function's log group keeps records. */
  readonly logRetentionDays: number;
  /** @default none: unreserved */
  readonly reservedConcurrency?: number;
  /** What the function may do beyond logging, tracing and its VPC interfaces. */
  readonly permissions: PolicyStatement[];
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default 256 */
  readonly memorySize?: number;
  /**
   * Run outside the VPC, for a function that must reach an internet host and holds no data
   * permissions (the authorizer of an internet IdP): no network interfaces, no security group.
   * @default false
   */
  readonly outsideVpc?: boolean;
}

/**
 * A Lambda function inside the service VPC (or, by explicit choice, outside it): arm64, the given Node.js runtime, X-Ray, optional reserved concurrency, an
 * explicit encrypted log group created first, its own role and its own security group with no
 * rules until the caller opens exactly what the function needs.
 */
export class VpcLambda extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  /** undefined when the function runs outside the VPC. */
  readonly securityGroup?: DescribedSecurityGroup;
  readonly logGroup: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: VpcLambdaProps) {
    super(scope, id);
    const { accountId, region, timeoutSeconds = 10, memorySize = 256, outsideVpc = false } = props;
    this.logGroup = new EncryptedLogGroup(this, 'log-group', {
      name: `/aws/lambda/${props.functionName}`,
      kmsKeyArn: props.logsKeyArn,
      retentionInDays: props.logRetentionDays,
    });
    this.role = new IamRole(this, 'role', {
      name: lambdaRoleName(props.functionName, region),
      assumeRolePolicy: serviceTrustPolicy('lambda.amazonaws.com', accountId),
    });
    const inVpc = !outsideVpc;
    const vpcStatements: PolicyStatement[] = [
      {
        Sid: 'ManageVpcInterfacesInThisAccount',
        Effect: 'Allow',
        Action: [
          'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
        ],
        Resource: [
          `arn:aws:ec2:${region}:${accountId}:network-interface/*`,
          `arn:aws:ec2:${region}:${accountId}:subnet/*`,
          `arn:aws:ec2:${region}:${accountId}:security-group/*`,
        ],
      },
    ];
    const rolePolicy = new IamRolePolicy(this, 'role-policy', {
      role: this.role.id,
      name: 'function',
      policy: policyDocument([
        {
          Sid: 'WriteOwnLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `${this.logGroup.arn}:*`,
        },
        ...(inVpc ? vpcStatements : []),
        {
          // None of these actions supports resource-level permissions.
          Sid: inVpc ? 'DescribeInterfacesAndTrace' : 'Trace',
          Effect: 'Allow',
          Action: [...(inVpc ? ['ec2:DescribeNetworkInterfaces'] : []), 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          Resource: '*',
        },
        ...props.permissions,
      ]),
    });
    if (inVpc) {
      this.securityGroup = new DescribedSecurityGroup(this, 'sg', {
        name: `${props.functionName}-lambda`,
        description: `${props.functionName} Lambda: egress to its dependencies only`,
        vpcId: props.vpcId,
        deleteTimeout: SUBNET_DELETE_TIMEOUT,
      });
    }
    const archive = lambdaArchive(props.bundleDir);
    // The zip is named by its content hash already; hashing it again in every stack is wasted time.
    const code = new LinkedFileAsset(this, 'code', { file: archive.zipFile, hash: archive.sha256Hex });
    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: props.runtime,
      architectures: ['arm64'],
      handler: 'index.handler',
      filename: code.path,
      sourceCodeHash: archive.sha256Base64,
      timeout: timeoutSeconds,
      memorySize,
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
      environment: { variables: { NODE_OPTIONS: '--enable-source-maps', ...props.environment } },
      vpcConfig: this.securityGroup ? { subnetIds: props.subnetIds, securityGroupIds: [this.securityGroup.id] } : undefined,
      ...(this.securityGroup
        ? { replaceSecurityGroupsOnDestroy: true, replacementSecurityGroupIds: [props.replacementSecurityGroupId] }
        : {}),
      tracingConfig: { mode: 'Active' },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      // The function creates its network interfaces at once, so its permissions must exist first.
      dependsOn: [this.logGroup, rolePolicy],
    });
  }
}
