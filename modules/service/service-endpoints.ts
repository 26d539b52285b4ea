import { Construct } from 'constructs';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { PolicyStatement, policyDocument } from '../shared/iam-policy';
import { DescribedSecurityGroup } from '../shared/security-group';

/** The interface endpoints of a service VPC, by role. */
export type InterfaceEndpointName = 'executeApi' | 'sagemakerApi' | 'sagemakerRuntime' | 'lambda' | 'sts' | 'logs';

export interface ServiceEndpointsProps {
  /** Name prefix of the endpoints and their security group, e.g. `example-analytics`. */
  readonly name: string;
  /** Region of the endpoint services (`com.amazonaws.<region>.<service>`). */
  readonly region: string;
  /** The service account: the endpoints' policies admit its principals and resources only. */
  readonly accountId: string;
  /** The service VPC. */
  readonly vpcId: string;
  /** The service VPC's block, allowed to reach the interface endpoints. */
  readonly vpcCidr: string;
  /** One subnet per AZ for the interface endpoints. */
  readonly subnetIds: string[];
  /** Route tables the S3 and DynamoDB gateway endpoints add their routes to. */
  readonly routeTableIds: string[];
  /** Corporate ranges that open Studio and call the API through the endpoints. */
  readonly corporateCidrs: string[];
  /**
   * Lambda functions only API Gateway may invoke: the `lambda` endpoint refuses to invoke them for
   * anyone but `exceptRoleArn`, so nothing in the VPC can call the presign function with an event
   * of its own.
   * @default []
   */
  readonly apiOnlyFunctions?: ApiOnlyFunction[];
}

export interface ApiOnlyFunction {
  /** The function's ARN. */
  readonly arn: string;
  /** A role that may still invoke it through the endpoint (the presign role asking an authorizer to verify). */
  readonly exceptRoleArn?: string;
}

interface InterfaceEndpointSpec {
  /** The endpoint service, `com.amazonaws.<region>.<service>`. */
  readonly serviceName: string;
  /** Private DNS makes the service's public name resolve to the endpoint inside this VPC only. */
  readonly privateDns: boolean;
  /** The endpoint policy's statements. */
  readonly policy: PolicyStatement[];
}

/** Callers must be principals of this account: the endpoint cannot be used to reach other accounts. */
const ownAccountOnly = (sid: string, actions: string[], accountId: string): PolicyStatement[] => [
  {
    Sid: sid,
    Effect: 'Allow',
    Principal: '*',
    Action: actions,
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalAccount': accountId } },
  },
];

/**
 * An explicit Deny in an endpoint policy overrides every Allow of the caller's own policies for
 * requests through the endpoint (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
 * API Gateway invokes its integrations from the service side, never through this endpoint. A Lambda
 * function's resource policy cannot do this: it only grants, and a principal of the same account
 * whose own policy allows lambda:InvokeFunction needs no grant
 * (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
 */
function denyInvoking(fn: ApiOnlyFunction): PolicyStatement {
  const name = fn.arn.split(':').pop() ?? '';
  return {
    Sid: `NoDirectInvoke${name.replace(/[^A-Za-z0-9]/g, '')}`,
    Effect: 'Deny',
    Principal: '*',
    // InvokeAsync is the deprecated asynchronous API, still an action of its own.
    Action: ['lambda:InvokeFunction', 'lambda:InvokeAsync'],
    Resource: [fn.arn, `${fn.arn}:*`],
    ...(fn.exceptRoleArn ? { Condition: { ArnNotEquals: { 'aws:PrincipalArn': fn.exceptRoleArn } } } : {}),
  };
}

/**
 * The service VPC's only way out: interface endpoints for the APIs the Lambdas, Studio apps and the
 * corporate browser (execute-api) use, and S3/DynamoDB gateway endpoints. The browser's Studio
 * endpoint is not here: it is central, in the hub (see CentralStudioEndpoint). One security group: HTTPS from the VPC
 * and the corporate network, nothing else.
 */
export class ServiceEndpoints extends Construct {
  readonly securityGroup: DescribedSecurityGroup;
  readonly interfaces: Record<InterfaceEndpointName, VpcEndpoint>;
  readonly dynamodb: VpcEndpoint;
  readonly s3: VpcEndpoint;
  /** Service names of every endpoint here, interface and gateway: what the VPC's DNS Firewall allows. */
  readonly serviceNames: string[];

  constructor(scope: Construct, id: string, props: ServiceEndpointsProps) {
    super(scope, id);
    const { region, accountId } = props;
    this.securityGroup = new DescribedSecurityGroup(this, 'sg', {
      name: `${props.name}-endpoints`,
      description: 'Interface endpoints: HTTPS from the service VPC and the corporate network',
      vpcId: props.vpcId,
    });
    for (const cidr of [props.vpcCidr, ...props.corporateCidrs]) {
      this.securityGroup.allowIngress({ description: `HTTPS from ${cidr}`, protocol: 'tcp', port: 443, peer: { cidr } });
    }

    const aws = (service: string) => `com.amazonaws.${region}.${service}`;
    const specs: Record<InterfaceEndpointName, InterfaceEndpointSpec> = {
      executeApi: {
        serviceName: aws('execute-api'),
        privateDns: true,
        // Only this account's private APIs: the endpoint is no path to anyone else's.
        policy: [{
          Sid: 'InvokeOwnAccountApisOnly',
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: `arn:aws:execute-api:${region}:${accountId}:*`,
        }],
      },
      sagemakerApi: { serviceName: aws('sagemaker.api'), privateDns: true, policy: ownAccountOnly('OwnAccountSageMaker', ['sagemaker:*'], accountId) },
      sagemakerRuntime: {
        serviceName: aws('sagemaker.runtime'),
        privateDns: true,
        policy: ownAccountOnly('OwnAccountInvoke', ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointAsync', 'sagemaker:InvokeEndpointWithResponseStream'], accountId),
      },
      lambda: {
        serviceName: aws('lambda'),
        privateDns: true,
        policy: [
          ...ownAccountOnly('OwnAccountLambda', ['lambda:*'], accountId),
          ...(props.apiOnlyFunctions ?? []).map(denyInvoking),
        ],
      },
      sts: { serviceName: aws('sts'), privateDns: true, policy: ownAccountOnly('OwnAccountSts', ['sts:*'], accountId) },
      logs: { serviceName: aws('logs'), privateDns: true, policy: ownAccountOnly('OwnAccountLogs', ['logs:*'], accountId) },
    };
    this.interfaces = Object.fromEntries(
      Object.entries(specs).map(([key, spec]) => [
        key,
        new VpcEndpoint(this, key, {
          vpcId: props.vpcId,
          serviceName: spec.serviceName,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: spec.privateDns,
          subnetIds: props.subnetIds,
          securityGroupIds: [this.securityGroup.id],
          policy: policyDocument(spec.policy),
          tags: { Name: `${props.name}-${key}` },
        }),
      ]),
    ) as Record<InterfaceEndpointName, VpcEndpoint>;

    const gatewayServices = { dynamodb: aws('dynamodb'), s3: aws('s3') };
    this.serviceNames = [...Object.values(specs).map((spec) => spec.serviceName), ...Object.values(gatewayServices)];

    // Gateway endpoints reach only this account's tables and buckets: nothing in the VPC can copy
    // data into someone else's.
    const gateway = (key: keyof typeof gatewayServices, policy: PolicyStatement) =>
      new VpcEndpoint(this, key, {
        vpcId: props.vpcId,
        serviceName: gatewayServices[key],
        vpcEndpointType: 'Gateway',
        routeTableIds: props.routeTableIds,
        policy: policyDocument([policy]),
        tags: { Name: `${props.name}-${key}` },
      });
    this.dynamodb = gateway('dynamodb', {
      Sid: 'OwnAccountTablesOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: 'dynamodb:*',
      Resource: `arn:aws:dynamodb:${region}:${accountId}:table/*`,
    });
    this.s3 = gateway('s3', {
      Sid: 'OwnAccountBucketsOnly',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:ResourceAccount': accountId } },
    });
  }
}
