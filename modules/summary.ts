import { corporateDnsDir as defaultCorporateDnsDir } from './corporate-dns';
import { ResolvedConnectivity, ResolvedLandingZone } from './config/types';
import { NETWORK_STACK, networkLinkStackName, serviceStackName, stackId, studioDnsZone } from './shared/naming';

/**
 * What an operator needs after synth: deploy order, and what the corporate DNS team configures.
 * @param corporateDnsDir where the zone's corporate DNS files are (`corporateDnsDir`); default `<outdir>/corporate-dns`
 */
export function landingZoneSummary(landingZone: ResolvedLandingZone, outdir: string, corporateDnsDir = defaultCorporateDnsDir(outdir, landingZone)): string {
  const id = (name: string) => stackId(landingZone, name);
  const stacks = [
    { name: id(NETWORK_STACK), account: landingZone.network.accountId, role: 'network' },
    ...landingZone.services.map((s) => ({ name: id(serviceStackName(s.name)), account: s.accountId, role: `service ${s.name}` })),
    ...landingZone.services.map((s) => ({ name: id(networkLinkStackName(s.name)), account: landingZone.network.accountId, role: `network link for ${s.name}` })),
  ];
  const width = Math.max(...stacks.map((s) => s.name.length));
  return [
    `Landing zone "${landingZone.environment}" (${landingZone.region}, ${landingZone.backend.type} backend) synthesized to ${outdir}`,
    '',
    'Deploy in this order:',
    ...stacks.map((s, i) => `  ${String(i + 1).padStart(2)}. ${s.name.padEnd(width)}  account ${s.account}  (${s.role})`),
    '',
    `Corporate connectivity: ${connectivitySummary(landingZone.corporate.connectivity)}`,
    '',
    'Corporate DNS: conditionally forward these zones to the inbound resolver',
    `  zone:       ${studioDnsZone(landingZone.region)} (the whole zone: every Studio host resolves to the hub Studio endpoint)`,
    `  forwarders: ${landingZone.network.inboundResolverIps.join(', ')}`,
    `  ready-made BIND, Unbound, dnsmasq and Windows DNS configurations: ${corporateDnsDir}/`,
    '',
    'Portal calls (GET with "Authorization: Bearer <jwt>"):',
    `  https://{api-id}-{vpce-id}.execute-api.${landingZone.region}.amazonaws.com/{stage}/studio`,
    ...landingZone.services.map((s) => `  ${s.name}: stage "${s.api.stageName}"; exact URL in the invoke_url output of ${id(serviceStackName(s.name))}`),
  ].join('\n');
}

/** One line on how the corporate network arrives, so the operator sees which network team work remains. */
function connectivitySummary(connectivity: ResolvedConnectivity): string {
  switch (connectivity.type) {
    case 'transit-gateway': {
      const gateway = connectivity.transitGatewayId ? `existing Transit Gateway ${connectivity.transitGatewayId}` : 'Transit Gateway created by the network stack';
      const corporate = connectivity.corporate.kind === 'attachment'
        ? `the corporate network behind attachment ${connectivity.corporate.attachmentId} (on-premises routers must learn the hub and service CIDRs)`
        : `a simulated corporate VPC ${connectivity.corporate.vpcCidr}`;
      return `${gateway}, with ${corporate}`;
    }
    case 'simulated':
      return `VPC peering with a simulated corporate VPC ${connectivity.vpcCidr}`;
    case 'existing-vpc':
      return `VPC peering with ${connectivity.vpcId} (${connectivity.vpcCidr}): only clients inside that VPC are reached`;
  }
}
