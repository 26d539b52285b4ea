import { availabilityZoneIds, defaultAvailabilityZoneIds, REGION_NAMES } from '../../modules/config/regions';
import { validateConfig } from '../../modules/config/validate';
import { subnetQuarter } from '../../modules/config/resolve';
import { rawAccountFile } from '../support/configs';

/** The simulated corporate DNS servers sit in the subnet of each AZ: the quarter its number picks. */
const dnsServersIn = (azIds: string[]) => azIds.map((azId) => `192.168.0.${64 * subnetQuarter(azId) + 10}`);

const withNetworkAzs = (azIds: string[]) => {
  const file = rawAccountFile();
  file.network.availabilityZoneIds = azIds;
  file.corporate.dnsServerIps = dnsServersIn(azIds);
  return file;
};

describe('AZ ids of the region', () => {
  it('refuses an AZ id the region does not have', () => {
    expect(validateConfig(withNetworkAzs(['euw1-az1', 'euw1-az4']))).toEqual([{
      path: 'network.availabilityZoneIds[1]',
      message: 'eu-west-1 has no AZ euw1-az4 (its AZ ids: euw1-az1, euw1-az2, euw1-az3)',
      fix: "use one of eu-west-1's AZ ids (see https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html)",
    }]);
    const service = rawAccountFile();
    service.region = 'us-west-1';
    service.network.availabilityZoneIds = ['usw1-az1', 'usw1-az3'];
    service.corporate.dnsServerIps = dnsServersIn(['usw1-az1', 'usw1-az3']);
    service.services[0].availabilityZoneIds = ['usw1-az1', 'usw1-az2'];
    expect(validateConfig(service).map((problem) => problem.path)).toEqual(['services[0].availabilityZoneIds[1]']);
  });

  it('accepts every AZ id of the table, and defaults to the first two', () => {
    expect(validateConfig(withNetworkAzs(['euw1-az3', 'euw1-az2']))).toEqual([]);
    expect(availabilityZoneIds('us-east-1')).toEqual(['use1-az1', 'use1-az2', 'use1-az3', 'use1-az4', 'use1-az5', 'use1-az6']);
    expect(defaultAvailabilityZoneIds('ca-central-1')).toEqual(['cac1-az1', 'cac1-az2']);
    for (const region of REGION_NAMES) expect([region, availabilityZoneIds(region).length >= 2]).toEqual([region, true]);
  });
});
