/**
 * Every landing zone the repository ships (the example and each fixture), synthesized once for the
 * whole run (test/support/shared-synth.ts), with the deploy roles its account file asks for.
 */
import { SynthesizedStack } from '../../analysis/synthesized';
import { loadAccountFile } from '../../modules/config/load';
import { ResolvedDeployTrust, ResolvedLandingZone } from '../../modules/config/types';
import { DeployRole, generateDeployRoles } from '../../tools/deploy-roles/generate';
import { SHIPPED_ZONES, shippedOutdir, shippedStacks } from '../support/shared-synth';

export type Stacks = Record<string, SynthesizedStack>;

export const ACCOUNT_FILES: Readonly<Record<string, string>> = SHIPPED_ZONES;

/** Fixtures whose account file says nothing about the trust get the pipeline one. */
export const PIPELINE: Extract<ResolvedDeployTrust, { type: 'pipeline' }> = { type: 'pipeline', principalArn: 'arn:aws:iam::333333333333:role/landing-pipeline' };

const zones = new Map<string, ResolvedLandingZone>();
const outdirs = new Map<string, string>();

export function landingZone(name: string): { zone: ResolvedLandingZone; outdir: string; stacks: Stacks } {
  if (!zones.has(name)) zones.set(name, loadAccountFile(ACCOUNT_FILES[name]).config);
  const zone = zones.get(name)!;
  const stacks = shippedStacks(name);
  return {
    zone,
    // Copied on first use: only the CLI tests write into it.
    get outdir() {
      if (!outdirs.has(name)) outdirs.set(name, shippedOutdir(name));
      return outdirs.get(name)!;
    },
    stacks,
  };
}

export function rolesOf(name: string, stacks?: Stacks): Promise<DeployRole[]> {
  const zone = landingZone(name);
  return generateDeployRoles(stacks ?? zone.stacks, {
    trust: zone.zone.deployRoles.trust ?? PIPELINE,
    permissionsBoundaryName: zone.zone.deployRoles.permissionsBoundaryName,
  });
}
