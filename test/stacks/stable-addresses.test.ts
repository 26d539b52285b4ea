import { LandingZoneConfig } from '../../modules/config/types';
import { validateConfig } from '../../modules/config/validate';
import { fixtureAccountFile, rawAccountFile } from '../support/configs';
import { SynthesizedStack, synthLandingZone } from '../support/synth';
import { allChanges, changesNotOf, diffSynths } from '../support/address-diff';

/**
 * Removing or reordering one item of a list (a service, a corporate domain, a profile, an AZ, ...)
 * must change only that item's resources: Terraform plans from addresses, so a resource keyed by
 * its position would be destroyed and recreated when an item before it goes away.
 */

type Edit = (config: LandingZoneConfig) => void;

/** Three services, three corporate domains, ranges and DNS servers, three hub AZs, three profiles. */
function baseZone(): LandingZoneConfig {
  const config = rawAccountFile(fixtureAccountFile('three-services'));
  config.corporate.cidrs = ['10.200.0.0/16', '172.16.0.0/12', '192.168.0.0/16'];
  // One simulated corporate DNS server per hub AZ's subnet of the simulated VPC (192.168.0.0/24).
  config.corporate.dnsServerIps = ['192.168.0.74', '192.168.0.138', '192.168.0.10'];
  // corp.example.com holds the IdP's JWKS host, so it stays when the first domain is removed.
  config.corporate.dnsDomains = ['ad.example.com', 'corp.example.com', 'eng.example.com'];
  const [analytics, research, ml] = config.services;
  if (analytics.studio.mode !== 'create' || research.studio.mode !== 'existing') throw new Error('fixture changed');
  analytics.studio.userProfiles = ['alice', 'bob', 'frank'];
  analytics.mappings!.push({ username: 'frank', userProfileName: 'frank' });
  research.studio.domainIds = ['d-abcdefghijkl', 'd-mnopqrstuvwx', 'd-yz0123456789'];
  research.mappings!.push({ username: 'gina@corp.example.com', domainId: 'd-yz0123456789', userProfileName: 'gina' });
  ml.availabilityZoneIds = ['euc1-az3', 'euc1-az1', 'euc1-az2'];
  return config;
}

const analytics = (c: LandingZoneConfig) => c.services[0];
const research = (c: LandingZoneConfig) => c.services[1];
const ml = (c: LandingZoneConfig) => c.services[2];
const profiles = (c: LandingZoneConfig) => {
  const studio = analytics(c).studio;
  if (studio.mode !== 'create') throw new Error('analytics creates its domain');
  return studio.userProfiles;
};
const domainIds = (c: LandingZoneConfig) => {
  const studio = research(c).studio;
  if (studio.mode !== 'existing') throw new Error('research uses existing domains');
  return studio.domainIds;
};

interface ListCase {
  list: string;
  /** Removes the list's first item (and what only exists because of it). */
  removeFirst: Edit;
  /** What names the removed item in addresses and bodies. */
  tokens: string[];
  reorder: Edit;
}

const cases: ListCase[] = [
  {
    list: 'services',
    removeFirst: (c) => { c.services.shift(); },
    tokens: ['analytics', '222222222222', '10.16.0.0/16'],
    reorder: (c) => { c.services.reverse(); },
  },
  {
    list: 'corporate.dnsDomains',
    removeFirst: (c) => { c.corporate.dnsDomains.shift(); },
    tokens: ['ad.example.com'],
    reorder: (c) => { c.corporate.dnsDomains.reverse(); },
  },
  {
    list: 'corporate.cidrs',
    removeFirst: (c) => { c.corporate.cidrs.shift(); },
    tokens: ['10.200.0.0/16'],
    reorder: (c) => { c.corporate.cidrs.reverse(); },
  },
  {
    list: 'corporate.dnsServerIps',
    removeFirst: (c) => { c.corporate.dnsServerIps.shift(); },
    tokens: ['192.168.0.74'],
    reorder: (c) => { c.corporate.dnsServerIps.reverse(); },
  },
  {
    list: 'network.availabilityZoneIds',
    // The simulated corporate DNS server in that AZ's subnet goes with it.
    removeFirst: (c) => {
      c.network.availabilityZoneIds!.shift();
      c.corporate.dnsServerIps = c.corporate.dnsServerIps.filter((ip) => ip !== '192.168.0.10');
    },
    // The AZ, its default inbound resolver IP and the simulated corporate DNS server in it.
    tokens: ['euc1-az1', '10.10.0.10', '192.168.0.10'],
    reorder: (c) => { c.network.availabilityZoneIds!.reverse(); },
  },
  {
    list: 'services[].availabilityZoneIds',
    removeFirst: (c) => { ml(c).availabilityZoneIds!.shift(); },
    tokens: ['euc1-az3'],
    reorder: (c) => { ml(c).availabilityZoneIds!.reverse(); },
  },
  {
    list: 'studio.userProfiles',
    removeFirst: (c) => {
      profiles(c).shift();
      analytics(c).mappings = analytics(c).mappings!.filter((m) => m.userProfileName !== 'alice');
    },
    tokens: ['alice'],
    reorder: (c) => { profiles(c).reverse(); },
  },
  {
    list: 'studio.domainIds',
    removeFirst: (c) => {
      domainIds(c).shift();
      research(c).mappings = research(c).mappings!.filter((m) => m.domainId !== 'd-abcdefghijkl');
    },
    tokens: ['d-abcdefghijkl', 'carol'],
    reorder: (c) => { domainIds(c).reverse(); },
  },
  {
    list: 'services[].mappings',
    removeFirst: (c) => { research(c).mappings!.shift(); },
    tokens: ['carol@corp.example.com'],
    reorder: (c) => { research(c).mappings!.reverse(); },
  },
  {
    list: 'identityProvider.audience',
    removeFirst: (c) => { research(c).identityProvider.audience.shift(); },
    tokens: ['studio-portal'],
    reorder: (c) => { research(c).identityProvider.audience.reverse(); },
  },
];

function synthEdited(edit?: Edit): Record<string, SynthesizedStack> {
  const config = baseZone();
  edit?.(config);
  const problems = validateConfig(config);
  if (problems.length > 0) throw new Error(`edited zone is invalid:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return synthLandingZone(config).json;
}

let base: Record<string, SynthesizedStack>;

beforeAll(() => {
  base = synthEdited();
});

describe.each(cases)('$list', ({ removeFirst, tokens, reorder }) => {
  it('removing the first item changes only that item\'s resources', () => {
    const diff = diffSynths(base, synthEdited(removeFirst));
    expect(allChanges(diff).length).toBeGreaterThan(0);
    expect(changesNotOf(diff, base, tokens)).toEqual([]);
  });

  it('reordering the list changes nothing', () => {
    expect(allChanges(diffSynths(base, synthEdited(reorder)))).toEqual([]);
  });
});
