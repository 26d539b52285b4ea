// Two landing zones with one environment name in two regions share the accounts and the state
// backend: nothing account-global or backend-wide may be named alike.
import * as fs from 'node:fs';
import type { LandingZoneConfig } from '../../modules/config/types';
import { fixtureAccountFile, rawAccountFile } from '../support/configs';
import { type SynthesizedStack, synthLandingZone } from '../support/synth';

function inRegion(file: LandingZoneConfig, region: string, azIds: string[]): LandingZoneConfig {
  return { ...file, region, network: { ...file.network, availabilityZoneIds: azIds } };
}

/** IAM role names and the state location of every stack. */
function globalNames(config: LandingZoneConfig): { roles: string[]; state: string[] } {
  const { json, outdir } = synthLandingZone(config);
  fs.rmSync(outdir, { recursive: true, force: true });
  const stacks = Object.values(json) as SynthesizedStack[];
  return {
    roles: stacks.flatMap((stack) => Object.values(stack.resource?.aws_iam_role ?? {}).map((role) => String(role.name))),
    state: stacks.map((stack) => JSON.stringify((stack.terraform as Record<string, unknown>).backend ?? (stack.terraform as Record<string, unknown>).cloud)),
  };
}

const disjoint = (a: string[], b: string[]) => a.filter((item) => b.includes(item));

describe('one environment name in two regions', () => {
  it.each([
    ['local', rawAccountFile()],
    ['s3', { ...rawAccountFile(), backend: { type: 's3' as const, bucket: 'acme-terraform-state' } }],
    ['cloud', rawAccountFile(fixtureAccountFile('cloud-backend'))],
  ])('%s backend: no IAM role name and no state location in common', (_backend, config) => {
    const ireland = globalNames(inRegion(config, 'eu-west-1', ['euw1-az1', 'euw1-az2']));
    const frankfurt = globalNames(inRegion(config, 'eu-central-1', ['euc1-az1', 'euc1-az2']));
    expect(ireland.roles.length).toBeGreaterThan(5);
    expect(disjoint(ireland.roles, frankfurt.roles)).toEqual([]);
    expect(disjoint(ireland.state, frankfurt.state)).toEqual([]);
  });
});
