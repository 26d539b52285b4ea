/**
 * The corporate half of the landing zone, written next to the stacks by every synth:
 * `<outdir>/corporate-dns/` holds conditional forwarders for each common resolver, the proxy
 * allowlist and a README saying which team applies what.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ResolvedLandingZone } from '../config/types';
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

/** Writes `<outdir>/corporate-dns/*` and returns the paths written. */
export function writeCorporateDnsArtifacts(landingZone: ResolvedLandingZone, outdir: string): string[] {
  const dir = path.join(outdir, CORPORATE_DNS_DIR);
  fs.mkdirSync(dir, { recursive: true });
  return [...corporateDnsFiles(forwardingPlan(landingZone))].map(([name, content]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  });
}
