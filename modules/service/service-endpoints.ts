import { Construct } from 'constructs';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { PolicyStatement, policyDocument } from '../shared/iam-policy';
import { DescribedSecurityGroup } from '../shared/security-group';
import { Perimeter, S3_AWS_OWNED_EXCEPTIONS, exceptionStatement, perimeterAllow } from '../perimeter/endpoint-policy';

/** The interface endpoints of a service VPC, by role. */
export type InterfaceEndpointName = 'executeApi' | 'sagemakerApi' | 'sagemakerRuntime' | 'lambda' | 'sts' | 'logs';

export interface ServiceEndpointsProps {
  /** Name prefix of the endpoints and their security groups, e.g. `example-analytics`. */
  readonly name: string;
  /** Region of the endpoint services (`com.amazonaws.<region>.<service>`). */
  readonly region: string;
  /** The service account: execute-api reaches its APIs only, and the DynamoDB endpoint its tables. */
  readonly accountId: string;
  /** The service VPC. */
  readonly vpcId: string;
  /** One subnet per AZ for the interface endpoints. */
  readonly subnetIds: string[];
  /** Route tables the S3 and DynamoDB gateway endpoints add their routes to. */
  readonly routeTableIds: string[];
  /** Corporate ranges whose browsers call the private API: the only sources of the execute-api endpoint. */
  readonly corporateCidrs: string[];
  /** Whose principals may act, on whose resources, through every endpoint here. */
  readonly perimeter: Perimeter;
  /**
   * Addresses inside the VPC that may use the service endpoints besides the security groups
   * admitted with `admit` (a team's workloads without a group of ours).
   * @default []
   */
  readonly extraClientCidrs?: string[];
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
  /** Called by browsers on the corporate network rather than by the VPC's code. @default false */
  readonly browserFacing?: boolean;
  /** The endpoint policy's statements. */
  readonly policy: PolicyStatement[];
}

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
 * endpoint is not here: it is central, in the hub (see CentralStudioEndpoint). Two security groups,
 * HTTPS only: execute-api's admits the corporate ranges (browsers), the others' admit only the
 * groups `admit` names (the Lambdas', the Studio apps') and `extraClientCidrs`. Every policy is the
 * perimeter of modules/perimeter/endpoint-policy.ts with this endpoint's exceptions and denies.
 */
export class ServiceEndpoints extends Construct {
  /** Of the endpoints the VPC's own code calls (all but execute-api). */
  readonly securityGroup: DescribedSecurityGroup;
  /** Of the execute-api endpoint, which browsers on the corporate network call. */
  readonly browserSecurityGroup: DescribedSecurityGroup;
  readonly interfaces: Record<InterfaceEndpointName, VpcEndpoint>;
  readonly dynamodb: VpcEndpoint;
  readonly s3: VpcEndpoint;
  /** Service names of every endpoint here, interface and gateway: what the VPC's DNS Firewall allows. */
  readonly serviceNames: string[];

  constructor(scope: Construct, id: string, props: ServiceEndpointsProps) {
    super(scope, id);
    const { region, accountId, perimeter } = props;
    this.securityGroup = new DescribedSecurityGroup(this, 'sg', {
      name: `${props.name}-endpoints`,
      description: 'Interface endpoints of the VPC\'s code: HTTPS from the Lambdas and Studio apps only',
      vpcId: props.vpcId,
    });
    for (const cidr of props.extraClientCidrs ?? []) {
      this.securityGroup.allowIngress({ description: `HTTPS from the team's workloads in ${cidr}`, protocol: 'tcp', port: 443, peer: { cidr } });
    }
    this.browserSecurityGroup = new DescribedSecurityGroup(this, 'browser-sg', {
      name: `${props.name}-browser-endpoints`,
      description: 'execute-api endpoint: HTTPS from the corporate network only',
      vpcId: props.vpcId,
    });
    for (const cidr of props.corporateCidrs) {
      this.browserSecurityGroup.allowIngress({ description: `HTTPS from browsers in ${cidr}`, protocol: 'tcp', port: 443, peer: { cidr } });
    }

    const aws = (service: string) => `com.amazonaws.${region}.${service}`;
    const specs: Record<InterfaceEndpointName, InterfaceEndpointSpec> = {
      executeApi: {
        serviceName: aws('execute-api'),
        privateDns: true,
        browserFacing: true,
        // Only this account's private APIs: the endpoint is no path to anyone else's. No principal
        // condition: the portal's calls are anonymous to IAM (a Lambda authorizer checks the JWT),
        // so they carry no aws:PrincipalAccount and a principal condition would refuse every one.
        policy: [{
          Sid: 'InvokeOwnAccountApisOnly',
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: `arn:aws:execute-api:${region}:${accountId}:*`,
        }],
      },
      sagemakerApi: { serviceName: aws('sagemaker.api'), privateDns: true, policy: [perimeterAllow('LandingZoneSageMaker', 'sagemaker:*', perimeter)] },
      sagemakerRuntime: {
        serviceName: aws('sagemaker.runtime'),
        privateDns: true,
        policy: [perimeterAllow('LandingZoneInvokeEndpoints', ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointAsync', 'sagemaker:InvokeEndpointWithResponseStream'], perimeter)],
      },
      lambda: {
        serviceName: aws('lambda'),
        privateDns: true,
        policy: [perimeterAllow('LandingZoneLambda', 'lambda:*', perimeter), ...(props.apiOnlyFunctions ?? []).map(denyInvoking)],
      },
      // sts:AssumeRole's resource is the role, so only the landing zone's roles are assumed here.
      // GetCallerIdentity needs no permission and no policy can refuse it
      // (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html): it only names the caller.
      sts: { serviceName: aws('sts'), privateDns: true, policy: [perimeterAllow('LandingZoneSts', 'sts:*', perimeter)] },
      logs: { serviceName: aws('logs'), privateDns: true, policy: [perimeterAllow('LandingZoneLogs', 'logs:*', perimeter)] },
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
          securityGroupIds: [(spec.browserFacing ? this.browserSecurityGroup : this.securityGroup).id],
          policy: policyDocument(spec.policy),
          tags: { Name: `${props.name}-${key}` },
        }),
      ]),
    ) as Record<InterfaceEndpointName, VpcEndpoint>;

    const gatewayServices = { dynamodb: aws('dynamodb'), s3: aws('s3') };
    this.serviceNames = [...Object.values(specs).map((spec) => spec.serviceName), ...Object.values(gatewayServices)];

    // Gateway endpoints reach only the landing zone's tables and buckets: nothing in the VPC can
    // copy data into someone else's.
    const gateway = (key: keyof typeof gatewayServices, policy: PolicyStatement[]) =>
      new VpcEndpoint(this, key, {
        vpcId: props.vpcId,
        serviceName: gatewayServices[key],
        vpcEndpointType: 'Gateway',
        routeTableIds: props.routeTableIds,
        policy: policyDocument(policy),
        tags: { Name: `${props.name}-${key}` },
      });
    // DynamoDB has no AWS-owned tables a client reads; the tables stay this account's, as before.
    this.dynamodb = gateway('dynamodb', [perimeterAllow('OwnAccountTablesOnly', 'dynamodb:*', perimeter, `arn:aws:dynamodb:${region}:${accountId}:table/*`)]);
    this.s3 = gateway('s3', [
      perimeterAllow('LandingZoneBuckets', 's3:*', perimeter),
      ...S3_AWS_OWNED_EXCEPTIONS.map((exception) => exceptionStatement(exception, region, perimeter)),
    ]);
  }

  /** Lets a security group in the VPC (a Lambda's, the Studio apps') call the service endpoints. */
  admit(name: string, securityGroupId: string, description: string): void {
    this.securityGroup.allowIngress({ description: `HTTPS from ${description}`, protocol: 'tcp', port: 443, peer: { securityGroupId, name } });
  }
}
