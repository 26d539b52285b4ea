import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { ResolvedLandingZone, ResolvedServiceAccount } from '../config/types';
import { ENV } from '../../lambda-src/shared/env-names';
import { StudioMapping } from '../../lambda-src/shared/mapping';
import { PrivateVpc } from '../network/private-vpc';
import { ExistingVpc } from '../network/existing-vpc';
import { VpcPlacement } from '../network/vpc-placement';
import { ServiceEndpoints } from '../service/service-endpoints';
import { MappingTable } from '../service/mapping-table';
import { StudioDomain } from '../service/studio-domain';
import { VpcLambda } from '../service/vpc-lambda';
import { tokenVerification } from '../service/identity-environment';
import { PresignedUrlApi } from '../service/presigned-url-api';
import { ConnectivityServiceSide } from '../connectivity';
import { lambdaRoleName, serviceStackName } from '../shared/naming';
import { ResolverQueryLogging } from '../network/resolver-query-logging';
import { DnsFirewall } from '../perimeter/dns-firewall';
import { landingZonePerimeter } from '../perimeter/endpoint-policy';
import { SubnetNetworkAcl } from '../perimeter/subnet-network-acl';
import { landingZoneDomains } from '../perimeter/allowed-domains';
import { presignPermissions } from '../studio/studio-permissions';
import { AccountStack } from './account-stack';
import { NetworkForService } from './network-stack';

/** The two Lambda bundles (directories with `index.js`), built once per synth. */
export interface LambdaBundles {
  authorizer: string;
  presign: string;
}

export interface ServiceStackProps {
  landingZone: ResolvedLandingZone;
  service: ResolvedServiceAccount;
  /** What the network stack exposes to a service: ids created there cross stacks as remote state. */
  network: NetworkForService;
  bundles: LambdaBundles;
}

/** What a service stack exposes to its link stack. */
export interface ServiceForLink {
  readonly service: ResolvedServiceAccount;
  readonly connectivity: ConnectivityServiceSide;
}

/**
 * One service account: private-only VPC with the endpoints, the private API with the authorizer and
 * presign Lambdas, the mapping table, optionally the Studio domain, the shared corporate DNS rules,
 * and its side of the corporate connectivity (peering request or Transit Gateway attachment).
 * Studio sessions run over the network account's central Studio endpoint.
 */
export class ServiceStack extends AccountStack implements ServiceForLink {
  readonly service: ResolvedServiceAccount;
  /** The VPC the stack created, or the existing one it was given. */
  readonly vpc: VpcPlacement;
  readonly endpoints: ServiceEndpoints;
  readonly api: PresignedUrlApi;
  readonly mappingTable: MappingTable;
  /** This service's side of the corporate connectivity: it adds the link stack's half. */
  readonly connectivity: ConnectivityServiceSide;
  readonly studioDomain?: StudioDomain;
  readonly authorizer: VpcLambda;
  readonly presign: VpcLambda;

  constructor(scope: Construct, props: ServiceStackProps) {
    const { landingZone, service, network } = props;
    super(scope, serviceStackName(service.name), { landingZone, accountId: service.accountId, roleArn: service.roleArn });
    this.service = service;
    const name = this.prefix(service.name);
    const { region } = landingZone;
    const accountId = service.accountId;

    const vpcBase = { name, cidr: service.vpcCidr, accountId, region, logsKeyArn: this.logsKeyArn, logRetentionDays: this.logRetentionDays };
    const existing = service.existingVpc;
    this.vpc = existing
      ? new ExistingVpc(this, 'vpc', { ...vpcBase, vpcId: existing.vpcId, subnets: existing.subnets })
      : new PrivateVpc(this, 'vpc', { ...vpcBase, subnets: service.subnets });
    const functionNames = { authorizer: `${name}-studio-authorizer`, presign: `${name}-studio-presign` };
    const functionArn = (fn: string) => `arn:aws:lambda:${region}:${accountId}:function:${fn}`;
    const verification = tokenVerification(service.identityProvider, landingZone.corporate.cidrs, {
      functionName: functionNames.authorizer,
      functionArn: functionArn(functionNames.authorizer),
    });
    this.endpoints = new ServiceEndpoints(this, 'endpoints', {
      name,
      region,
      accountId,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.subnetIds,
      routeTableIds: Object.values(this.vpc.routeTableIds),
      corporateCidrs: landingZone.corporate.cidrs,
      perimeter: landingZonePerimeter(landingZone),
      extraClientCidrs: service.endpoints.extraClientCidrs,
      // Names, not references: the endpoints exist before the functions.
      apiOnlyFunctions: [
        // The presign role (VpcLambda names roles <function>-lambda) asks an authorizer outside the VPC to verify tokens.
        { arn: functionArn(functionNames.authorizer), exceptRoleArn: verification.authorizerOutsideVpc ? `arn:aws:iam::${accountId}:role/${lambdaRoleName(functionNames.presign, region)}` : undefined },
        { arn: functionArn(functionNames.presign) },
      ],
    });
    if (service.networkAcl.enabled) {
      new SubnetNetworkAcl(this, 'network-acl', {
        name,
        vpcId: this.vpc.vpcId,
        vpcCidr: service.vpcCidr,
        subnets: this.vpc.subnetIdsByAz,
        browserCidrs: landingZone.corporate.cidrs,
        egress: verification.egress,
      });
    }
    network.dnsSharing.addServiceSide(this, { vpcId: this.vpc.vpcId });
    // Names the VPC resolves: its endpoints', Studio's, the corporate domains, the JWKS host or
    // proxy, the team's own; nothing else, so DNS carries no data out. Every query is logged.
    new DnsFirewall(this, 'dns-firewall', {
      name,
      vpcIds: { service: this.vpc.vpcId },
      allowedDomains: landingZoneDomains({
        region,
        endpointServices: this.endpoints.serviceNames,
        corporateDomains: landingZone.corporate.dnsDomains,
        hosts: verification.resolvedHost ? [verification.resolvedHost] : [],
        extra: service.dnsFirewall.allowedDomains,
      }),
      failOpen: service.dnsFirewall.failOpen,
    });
    new ResolverQueryLogging(this, 'query-logging', {
      name: `${name}-resolver-queries`,
      vpcIds: { service: this.vpc.vpcId },
      logsKeyArn: this.logsKeyArn,
      logRetentionDays: this.logRetentionDays,
    });
    this.connectivity = network.connectivity.addServiceSide(this, {
      name,
      region,
      accountId,
      vpcId: this.vpc.vpcId,
      vpcCidr: service.vpcCidr,
      subnetIds: this.vpc.subnetIds,
      routeTableIds: this.vpc.routeTableIds,
      corporateCidrs: landingZone.corporate.cidrs,
    });

    // This VPC's SageMaker API endpoint (URL creation, the apps' API calls) and the hub's Studio
    // endpoint (the browser's side; an endpoint of another account is fine in aws:SourceVpce).
    const studioEndpointIds = [this.endpoints.interfaces.sagemakerApi.id, network.studioEndpointId];
    let domainIds: string[];
    let seeds: StudioMapping[];
    if (service.studio.mode === 'create') {
      this.studioDomain = new StudioDomain(this, 'studio', {
        domainName: service.studio.domainName,
        region,
        accountId,
        vpcId: this.vpc.vpcId,
        subnetIds: this.vpc.subnetIds,
        endpointSecurityGroupId: this.endpoints.securityGroup.id,
        endpointIds: studioEndpointIds,
        userProfiles: service.studio.userProfiles,
        allowedInstanceTypes: service.studio.allowedInstanceTypes,
        idleShutdownMinutes: service.studio.idleShutdownMinutes,
        s3PrefixListId: this.endpoints.s3.prefixListId,
        retainHomeFileSystem: service.studio.retainHomeFileSystem,
        logsKeyArn: this.logsKeyArn,
        logRetentionDays: this.logRetentionDays,
      });
      const created = this.studioDomain.domain.id;
      domainIds = [created];
      seeds = service.mappings.map((m) => ({ ...m, domainId: m.domainId ?? created }));
    } else {
      domainIds = service.studio.domainIds;
      // Validation requires a domainId on every mapping of existing domains.
      seeds = service.mappings.map((m) => ({ ...m, domainId: m.domainId! }));
    }
    this.mappingTable = new MappingTable(this, 'mapping-table', {
      tableName: `${name}-studio-mappings`,
      accountId,
      seeds,
      deletionProtection: service.deletionProtection,
    });

    const lambdaBase = {
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.subnetIds,
      replacementSecurityGroupId: this.vpc.replacementSecurityGroupId,
      accountId,
      region,
      runtime: landingZone.lambdaRuntime,
      logsKeyArn: this.logsKeyArn,
      logRetentionDays: this.logRetentionDays,
      reservedConcurrency: service.lambdaReservedConcurrency,
    };
    this.authorizer = new VpcLambda(this, 'authorizer', {
      ...lambdaBase,
      functionName: functionNames.authorizer,
      description: 'Verifies the corporate JWT and passes the user id on',
      bundleDir: props.bundles.authorizer,
      timeoutSeconds: 5,
      environment: verification.authorizerEnvironment,
      permissions: [],
      // It holds no data permissions; outside the VPC it reaches an internet IdP's JWKS.
      outsideVpc: verification.authorizerOutsideVpc,
    });

    this.presign = new VpcLambda(this, 'presign', {
      ...lambdaBase,
      functionName: functionNames.presign,
      description: 'Looks the user up and returns a Studio presigned URL bound to the VPC endpoints',
      bundleDir: props.bundles.presign,
      // Its SDK retries end by ~23 s, so the caller gets its 503 before API Gateway's 29 s limit.
      timeoutSeconds: 25,
      environment: {
        ...verification.presignEnvironment,
        [ENV.mappingTableName]: this.mappingTable.table.name,
        [ENV.presignedUrlExpiresSeconds]: String(service.presignedUrl.expiresInSeconds),
        [ENV.studioSessionSeconds]: String(service.presignedUrl.sessionExpirationSeconds),
      },
      permissions: [
        // The URL's session is held to this grant on every request: it only works through the endpoints.
        ...presignPermissions({ account: { region, accountId }, domainIds, endpointIds: studioEndpointIds }),
        {
          Sid: 'ReadMappings',
          Effect: 'Allow',
          Action: 'dynamodb:GetItem',
          Resource: this.mappingTable.table.arn,
        },
        {
          Sid: 'DecryptMappingsThroughDynamoDb',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: this.mappingTable.key.key.arn,
          Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${region}.amazonaws.com` } },
        },
        ...verification.presignPermissions,
      ],
    });
    if (this.presign.securityGroup) this.endpoints.admit('presign', this.presign.securityGroup.id, 'the presign Lambda');
    if (this.studioDomain) this.endpoints.admit('studio', this.studioDomain.securityGroup.id, 'the Studio apps');
    this.presign.securityGroup
      ?.allowEgress({ description: 'HTTPS to the interface endpoints (SageMaker API)', protocol: 'tcp', port: 443, peer: { securityGroupId: this.endpoints.securityGroup.id, name: 'endpoints' } })
      .allowEgress({ description: 'HTTPS to DynamoDB through the gateway endpoint', protocol: 'tcp', port: 443, peer: { prefixListId: this.endpoints.dynamodb.prefixListId, name: 'dynamodb' } });
    const { egress } = verification;
    if (egress) {
      // Both Lambdas verify tokens: the JWKS host (or the proxy) is on the corporate network, over the corporate connectivity.
      for (const fn of [this.authorizer, this.presign]) {
        for (const cidr of egress.cidrs) {
          fn.securityGroup?.allowEgress({ description: `IdP JWKS over HTTPS in ${cidr}`, protocol: 'tcp', port: egress.port, peer: { cidr } });
        }
      }
    }

    this.api = new PresignedUrlApi(this, 'api', {
      name: `${name}-studio`,
      region,
      accountId,
      executeApiEndpointId: this.endpoints.interfaces.executeApi.id,
      authorizer: this.authorizer.function,
      presign: this.presign.function,
      ...service.api,
      cloudwatchRole: service.apiGatewayCloudWatchRole,
      logsKeyArn: this.logsKeyArn,
      logRetentionDays: this.logRetentionDays,
    });
    new TerraformOutput(this, 'invoke_url', { value: this.api.invokeUrl, description: 'GET this with the user\'s JWT' });
    new TerraformOutput(this, 'execute_api_endpoint_id', { value: this.endpoints.interfaces.executeApi.id });
    new TerraformOutput(this, 'sagemaker_api_endpoint_id', { value: this.endpoints.interfaces.sagemakerApi.id });
    new TerraformOutput(this, 'mapping_table_name', { value: this.mappingTable.table.name });
  }
}
