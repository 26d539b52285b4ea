/**
 * Every landing zone the repository ships (the example and each fixture), synthesized once for the
 * whole run (test/support/shared-synth.ts), with the deploy roles its account file asks for.
 */
import { SynthesizedStack } from '../../analysis/synthesized';
import { loadAccountFile } from '../../modules/config/load';
import { ResolvedDeployTrust, ResolvedLandingZone } from '../../modules/config/types';
import { DeployRole, generateDeployRoles } from '../../tools/deploy-roles/generate';
import { SHIPPED_LANDING_ZONES, shippedOutdir, shippedStacks } from '../support/shared-synth';

export type Stacks = Record<string, SynthesizedStack>;

export const ACCOUNT_FILES: Readonly<Record<string, string>> = SHIPPED_LANDING_ZONES;

/** Fixtures whose account file says nothing about the trust get the pipeline one. */
export const PIPELINE: Extract<ResolvedDeployTrust, { type: 'pipeline' }> = { type: 'pipeline', principalArn: 'arn:aws:iam::333333333333:role/landing-pipeline' };

const landingZones = new Map<string, ResolvedLandingZone>();
const outdirs = new Map<string, string>();

export function synthesizedLandingZone(name: string): { landingZone: ResolvedLandingZone; outdir: string; stacks: Stacks } {
  if (!landingZones.has(name)) landingZones.set(name, loadAccountFile(ACCOUNT_FILES[name]).config);
  const landingZone = landingZones.get(name)!;
  const stacks = shippedStacks(name);
  return {
    landingZone,
    // Copied on first use: only the CLI tests write into it.
    get outdir() {
      if (!outdirs.has(name)) outdirs.set(name, shippedOutdir(name));
      return outdirs.get(name)!;
    },
    stacks,
  };
}

export function rolesOf(name: string, stacks?: Stacks): Promise<DeployRole[]> {
  const synthesized = synthesizedLandingZone(name);
  return generateDeployRoles(stacks ?? synthesized.stacks, {
    trust: synthesized.landingZone.deployRoles.trust ?? PIPELINE,
    permissionsBoundaryName: synthesized.landingZone.deployRoles.permissionsBoundaryName,
  });
}
