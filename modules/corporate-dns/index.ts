/**
 * The corporate half of the landing zone, written next to the stacks by every synth:
 * `<outdir>/corporate-dns/` holds conditional forwarders for each common resolver, the proxy
 * allowlist and a README saying which team applies what.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ResolvedLandingZone } from '../config/types';
import { landingZoneKey } from '../shared/naming';
import { CONFIG_FILES } from './files';
import { ForwardingPlan, forwardingPlan } from './plan';
import { renderReadme } from './readme';

export { ForwardingPlan, forwardingPlan } from './plan';

/** Directory under the synth output. */
const CORPORATE_DNS_DIR = 'corporate-dns';

/** File name -> content, in a fixed order; pure, so the output is the same for the same plan. */
export function corporateDnsFiles(plan: ForwardingPlan): Map<string, string> {
  return new Map([
    ...CONFIG_FILES.map((file): [string, string] => [file.name, file.render(plan)]),
    ['README.md', renderReadme(plan, CONFIG_FILES)],
  ]);
}

/**
 * Where a landing zone's files go under the synth output: `corporate-dns/`, or, when the app holds
 * several landing zones, `corporate-dns/<environment>-<region>/` so that none overwrites another's.
 */
export function corporateDnsDir(outdir: string, landingZone: ResolvedLandingZone, severalInApp = false): string {
  return severalInApp ? path.join(outdir, CORPORATE_DNS_DIR, landingZoneKey(landingZone)) : path.join(outdir, CORPORATE_DNS_DIR);
}

/** Writes the landing zone's files into `corporateDnsDir(outdir, ...)` and returns the paths written. */
export function writeCorporateDnsArtifacts(landingZone: ResolvedLandingZone, outdir: string, severalInApp = false): string[] {
  const dir = corporateDnsDir(outdir, landingZone, severalInApp);
  fs.mkdirSync(dir, { recursive: true });
  return [...corporateDnsFiles(forwardingPlan(landingZone))].map(([name, content]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  });
}
