/**
 * Every landing zone the repository ships (the example and each fixture), synthesized once per
 * test file, with the deploy roles its account file asks for.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SynthesizedStack } from '../../analysis/guardrails';
import { ResolvedDeployTrust, ResolvedLandingZone } from '../../modules/config/types';
import { DeployRole, generateDeployRoles } from '../../tools/deploy-roles/generate';
import { EXAMPLE_ACCOUNT_FILE, REPO_ROOT } from '../support/configs';
import { synthLandingZone } from '../support/synth';

export type Stacks = Record<string, SynthesizedStack>;

export const ACCOUNT_FILES: Record<string, string> = {
  example: EXAMPLE_ACCOUNT_FILE,
  ...Object.fromEntries(
    fs.readdirSync(path.join(REPO_ROOT, 'test/fixtures/accounts')).filter((f) => f.endsWith('.yaml')).map((f) => [f.replace(/\.yaml$/, ''), path.join(REPO_ROOT, 'test/fixtures/accounts', f)]),
  ),
};

/** Fixtures whose account file says nothing about the trust get the pipeline one. */
export const PIPELINE: Extract<ResolvedDeployTrust, { type: 'pipeline' }> = { type: 'pipeline', principalArn: 'arn:aws:iam::333333333333:role/landing-pipeline' };

const cache = new Map<string, { zone: ResolvedLandingZone; outdir: string; json: Stacks }>();

export function landingZone(name: string): { zone: ResolvedLandingZone; outdir: string; stacks: Stacks } {
  let result = cache.get(name);
  if (!result) {
    const { zone, outdir, json } = synthLandingZone(ACCOUNT_FILES[name]);
    result = { zone, outdir, json: json as Stacks };
    cache.set(name, result);
  }
  return { zone: result.zone, outdir: result.outdir, stacks: structuredClone(result.json) };
}

export function rolesOf(name: string, stacks?: Stacks): Promise<DeployRole[]> {
  const zone = landingZone(name);
  return generateDeployRoles(stacks ?? zone.stacks, {
    trust: zone.zone.deployRoles.trust ?? PIPELINE,
    permissionsBoundaryName: zone.zone.deployRoles.permissionsBoundaryName,
  });
}
