/** Public entry for teams that compose the landing zone in their own CDKTF app. */
export * from './config/types';
export { resolveConfig } from './config/resolve';
export { accountFilePath, loadAccountFile } from './config/load';
export { ConfigError } from './config/problems';
export { validateConfig } from './config/validate';
export {
  synthesizeLandingZone,
  synthesizeLandingZones,
  type SynthesisOptions,
  type SynthesizeLandingZoneOptions,
  type SynthesizeLandingZonesOptions,
  type SynthesizedLandingZone,
  type LandingZoneSource,
} from './synthesize';
export { stackId, landingZoneKey, stackNameInLandingZone, NETWORK_STACK, serviceStackName, networkLinkStackName, type LandingZoneKey } from './shared/naming';
export { GuardrailViolationError, type Finding } from '../analysis/guardrails';
export { addLandingZone, type LandingZoneStacks } from './landing-zone';
export { landingZoneSummary } from './summary';

export { AccountStack, type AccountStackProps } from './stacks/account-stack';
export { NetworkStack, type NetworkForService } from './stacks/network-stack';
export { ServiceStack, type ServiceStackProps, type ServiceForLink, type LambdaBundles } from './stacks/service-stack';
export { NetworkLinkStack, type NetworkLinkStackProps } from './stacks/network-link-stack';
export { configureBackend } from './stacks/backend';

export { PrivateVpc, type PrivateVpcProps } from './network/private-vpc';
export { ExistingVpc, type ExistingVpcProps, type ExistingSubnet } from './network/existing-vpc';
export { type VpcPlacement } from './network/vpc-placement';
export { recordVpcFlowLog, type VpcFlowLogProps } from './network/vpc-flow-log';
export { InboundResolver, OutboundResolver, type InboundResolverProps, type OutboundResolverProps } from './network/resolver-endpoints';
export { ForwardingRules, type ForwardingRulesProps } from './network/forwarding-rules';
export { ResolverRuleShare, type ResolverRuleShareProps } from './dns-sharing/resolver-rules/resolver-rule-share';
export { ResolverQueryLogging, type ResolverQueryLoggingProps } from './network/resolver-query-logging';
export { SimulatedCorporateNetwork, type SimulatedCorporateNetworkProps } from './network/simulated-corporate-network';
export { CentralStudioEndpoint, type CentralStudioEndpointProps } from './network/central-studio-endpoint';
export { studioEndpointPolicy, type StudioEndpointPolicyProps } from './studio/studio-endpoint-policy';
export { presignPermissions, studioUserPermissions, type PresignPermissionsProps, type StudioUserPermissionsProps } from './studio/studio-permissions';
export { DnsFirewall, type DnsFirewallProps } from './perimeter/dns-firewall';
export { SubnetNetworkAcl, type SubnetNetworkAclProps, type ServiceAclInputs, type AclRule } from './perimeter/subnet-network-acl';
export * from './connectivity';
export * from './dns-sharing';
export { VpcRoutes, cidrKey, type VpcRoutesProps, type RouteTarget } from './connectivity/routes';
export { CorporatePeering, type CorporatePeer, type CorporatePeeringProps } from './connectivity/peering/corporate-peering';
export { PeeringAccepter, type PeeringAccepterProps } from './connectivity/peering/peering-accepter';
export { TransitGatewayHub, type TransitGatewayHubProps, type AttachedVpc } from './connectivity/transit-gateway/transit-gateway-hub';
export { ServiceAttachment, type ServiceAttachmentProps } from './connectivity/transit-gateway/service-attachment';
export { TransitGatewayServiceLink, type TransitGatewayServiceLinkProps } from './connectivity/transit-gateway/service-link';

export { ServiceEndpoints, type ServiceEndpointsProps, type InterfaceEndpointName, type ApiOnlyFunction } from './service/service-endpoints';
export { SharedResolverRules, type SharedResolverRulesProps } from './dns-sharing/resolver-rules/shared-resolver-rules';
export { PresignedUrlApi, type PresignedUrlApiProps, type InvokedFunction } from './service/presigned-url-api';
export { ApiRateLimit, type ApiRateLimitProps } from './service/api-rate-limit';
export { VpcLambda, type VpcLambdaProps } from './service/vpc-lambda';
export { MappingTable, type MappingTableProps } from './service/mapping-table';
export { StudioDomain, type StudioDomainProps } from './service/studio-domain';

export { CustomerManagedKey, type CustomerManagedKeyProps } from './shared/customer-managed-key';
export { EncryptedLogGroup, LogsKey, type EncryptedLogGroupProps, type LogsKeyProps } from './shared/encrypted-log-group';
export { DescribedSecurityGroup, dnsRules, type DescribedSecurityGroupProps, type RuleSpec, type Peer } from './shared/security-group';

export { DeployRole, type DeployRoleProps, type PolicyDocumentJson } from './bootstrap/deploy-role';
