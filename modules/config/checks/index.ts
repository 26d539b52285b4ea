/**
 * The semantic layer: what a schema cannot express (address plan, cross-references, uniqueness
 * across services, AWS naming rules), with messages that name the conflicting values. Runs on the
 * raw file next to the schema, so each check guards against the values the schema would refuse.
 */
import { Problems, type ValidationProblem } from '../problems';
import { DEFAULTS } from '../resolve';
import { checkDeployTrust, checkRoleAccount, checkServiceIdentities } from './accounts';
import { checkCidr, checkOverlaps, checkResolverIps, type NamedRange } from './cidrs';
import { checkDnsServerIps, checkExistingCorporateVpc, checkSimulatedCorporate, checkTransitGateway } from './connectivity';
import { checkDnsDomain } from './dns-domains';
import { checkServiceVpcChoice } from './existing-vpc';
import { checkIdentityProvider } from './identity';
import { asObject, asString, entries, type Json } from './json';
import { checkMappings } from './mappings';
import { checkOrganization, checkServicePerimeter } from './perimeter';
import { checkAvailabilityZoneIds, checkRegion } from './regions';
import { checkBackend, checkMovedSettings, checkTags } from './settings';

export function semanticProblems(raw: unknown): ValidationProblem[] {
  const root = asObject(raw);
  if (!root) return [];
  const problems = new Problems();
  const region = checkRegion(problems, 'region', root.region);
  checkBackend(problems, asObject(root.backend));
  checkTags(problems, asObject(root.tags));
  checkMovedSettings(problems, root);
  checkDeployTrust(problems, asObject(asObject(root.deployRoles)?.trust), asObject(root.backend));
  checkOrganization(problems, root);

  const network = asObject(root.network) ?? {};
  const corporate = asObject(root.corporate) ?? {};
  const connectivity = asObject(corporate.connectivity);
  const services = entries(root.services).flatMap(([i, value]): [number, Json][] => {
    const service = asObject(value);
    return service ? [[i, service]] : [];
  });
  const deployRoleName = asString(root.deployRoleName) ?? DEFAULTS.deployRoleName;

  // The address plan: corporate ranges first, so an overlap is reported on the VPC that must move.
  const ranges: NamedRange[] = [];
  for (const [i, value] of entries(corporate.cidrs)) {
    const at = `corporate.cidrs[${i}]`;
    const cidr = checkCidr(problems, at, value, { vpc: false });
    if (cidr) ranges.push({ path: at, text: String(value), cidr, corporate: true });
  }
  const corporateCidrs = ranges.map((range) => range.cidr);

  const hub = checkCidr(problems, 'network.hubVpcCidr', network.hubVpcCidr, { vpc: true });
  if (hub) ranges.push({ path: 'network.hubVpcCidr', text: String(network.hubVpcCidr), cidr: hub, corporate: false });
  const networkAzIds = checkAvailabilityZoneIds(problems, 'network.availabilityZoneIds', network.availabilityZoneIds, region);
  checkResolverIps(problems, network.inboundResolverIps, hub, networkAzIds);
  checkRoleAccount(problems, 'network', network, deployRoleName);

  if (connectivity?.type === 'transit-gateway') checkTransitGateway(problems, connectivity);
  if (connectivity?.type === 'existing-vpc') checkExistingCorporateVpc(problems, connectivity, ranges);
  const simulatedSubnets = connectivity?.type === 'simulated' || (connectivity?.type === 'transit-gateway' && connectivity.vpcCidr !== undefined)
    ? checkSimulatedCorporate(problems, connectivity, corporateCidrs, ranges, networkAzIds)
    : undefined;
  checkDnsServerIps(problems, corporate.dnsServerIps, corporateCidrs, simulatedSubnets);
  const beforeCorporateChecks = problems.list.length;
  for (const [i, value] of entries(corporate.dnsDomains)) checkDnsDomain(problems, `corporate.dnsDomains[${i}]`, value);
  const corporateValid = problems.list.length === beforeCorporateChecks && corporateCidrs.length === entries(corporate.cidrs).length;

  const corporateNetwork = {
    dnsDomains: entries(corporate.dnsDomains).flatMap(([, domain]) => (typeof domain === 'string' ? [domain] : [])),
    cidrs: corporateCidrs,
    valid: corporateValid,
  };
  for (const [i, service] of services) {
    const at = `services[${i}]`;
    const vpc = checkCidr(problems, `${at}.vpcCidr`, service.vpcCidr, { vpc: true });
    if (vpc) ranges.push({ path: `${at}.vpcCidr`, text: String(service.vpcCidr), cidr: vpc, corporate: false });
    const existingVpc = checkServiceVpcChoice(problems, at, service, region);
    if (existingVpc) ranges.push(existingVpc);
    if (service.existingVpc === undefined) checkAvailabilityZoneIds(problems, `${at}.availabilityZoneIds`, service.availabilityZoneIds, region);
    checkRoleAccount(problems, at, service, deployRoleName);
    checkIdentityProvider(problems, `${at}.identityProvider`, asObject(service.identityProvider), corporateNetwork);
    checkServicePerimeter(problems, at, service, corporateCidrs, vpc);
    checkMappings(problems, at, service);
  }
  checkServiceIdentities(problems, network, services);
  checkOverlaps(problems, ranges);
  return problems.list;
}
