import { resolveConfig } from '../../../modules/config/resolve';
import { LandingZoneConfig, ResolvedLandingZone } from '../../../modules/config/types';

const identityProvider = { issuer: 'https://idp.corp.example.com', audience: ['studio-portal'], jwksUri: 'https://idp.corp.example.com/jwks' };

/** A landing zone with `serviceCount` service accounts; only what the corporate side reads matters. */
export function resolvedLandingZone(serviceCount = 1, overrides: Partial<LandingZoneConfig> = {}): ResolvedLandingZone {
  return resolveConfig({
    environment: 'example',
    region: 'eu-west-1',
    network: { accountId: '111111111111', hubVpcCidr: '10.10.0.0/22' },
    corporate: {
      cidrs: ['10.0.0.0/16'],
      dnsServerIps: ['10.0.0.10'],
      dnsDomains: ['corp.example.com'],
      connectivity: { type: 'simulated', vpcCidr: '10.0.0.0/16' },
    },
    services: Array.from({ length: serviceCount }, (_, i) => ({
      name: `team${i + 1}`,
      accountId: `22222222222${i}`,
      vpcCidr: `10.2${i}.0.0/22`,
      identityProvider,
      studio: { mode: 'create' as const, userProfiles: ['alice'] },
    })),
    ...overrides,
  });
}
