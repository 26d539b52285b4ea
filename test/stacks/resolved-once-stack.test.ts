import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { loadAccountFile } from '../../modules/config/load';
import { LandingZoneStacks, addLandingZone } from '../../modules/landing-zone';
import { buildLambdaBundles } from '../../lambda-src/build';
import { withQuietStackTraces } from '../../modules/shared/quiet-stack-traces';
import { EXAMPLE_ACCOUNT_FILE, REPO_ROOT, fixtureAccountFile } from '../support/configs';

const FIXTURES = fs.readdirSync(path.join(REPO_ROOT, 'test/fixtures/accounts')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));

/** A landing zone's stacks in an app of their own, not synthesized yet. */
function landingZoneApp(accountFile: string): { app: App; stacks: TerraformStack[]; added: LandingZoneStacks } {
  const { config } = loadAccountFile(accountFile);
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'resolved-once-')), stackTraces: false });
  const added = withQuietStackTraces(() => addLandingZone(app, config, buildLambdaBundles(config.lambdaRuntime)));
  return { app, stacks: [added.network, ...added.services, ...added.links], added };
}

/** What cdktf's own `TerraformStack.toTerraform` gives for the stack, as JSON (key order included). */
const cdktfJson = (stack: TerraformStack): string => withQuietStackTraces(() => JSON.stringify(TerraformStack.prototype.toTerraform.call(stack)));

describe('stacks resolved once', () => {
  it.each([['example', EXAMPLE_ACCOUNT_FILE], ...FIXTURES.map((name) => [name, fixtureAccountFile(name)])])(
    '%s: every stack synthesizes to what cdktf resolving it four times gives, key order included',
    (_name, accountFile) => {
      const { stacks } = landingZoneApp(accountFile);
      withQuietStackTraces(() => stacks.forEach((stack) => stack.prepareStack()));
      for (const stack of stacks) {
        const once = withQuietStackTraces(() => JSON.stringify(stack.toTerraform()));
        expect(once).toEqual(cdktfJson(stack));
      }
    },
  );

  it('writes the outputs that stacks prepared later add to a stack prepared earlier', () => {
    const { added } = landingZoneApp(EXAMPLE_ACCOUNT_FILE);
    const service = added.services[0];
    const crossStackOutputs = () => service.node.children.filter((child) => child.node.id.startsWith('cross-stack-output-')).map((child) => child.node.id);
    withQuietStackTraces(() => [added.network, ...added.services].forEach((stack) => stack.prepareStack()));
    const beforeLinks = crossStackOutputs();
    withQuietStackTraces(() => added.links.forEach((stack) => stack.prepareStack()));
    // The link stack reads ids of the service stack: outputs the service stack's preparation did not see.
    expect(crossStackOutputs().length).toBeGreaterThan(beforeLinks.length);
    const outputs = Object.keys((withQuietStackTraces(() => service.toTerraform()) as { output: object }).output);
    expect(outputs.filter((name) => name.startsWith('cross-stack-output-'))).toHaveLength(crossStackOutputs().length);
  });

  it('synthesizes what an aspect of a team changes after the preparation', () => {
    const { app, added } = landingZoneApp(EXAMPLE_ACCOUNT_FILE);
    const described: IAspect = {
      visit: (node: IConstruct) => {
        if (node instanceof IamRole) node.description = 'set by an aspect at synthesis';
      },
    };
    Aspects.of(added.services[0]).add(described);
    withQuietStackTraces(() => app.synth());
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', added.services[0].node.id, 'cdk.tf.json'), 'utf8')) as {
      resource: { aws_iam_role: Record<string, { description?: string }> };
    };
    const roles = Object.values(json.resource.aws_iam_role);
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) expect(role.description).toBe('set by an aspect at synthesis');
  });

  it('synthesizes a change made after a synthesis when synthesized again', () => {
    const { app, added } = landingZoneApp(EXAMPLE_ACCOUNT_FILE);
    withQuietStackTraces(() => app.synth());
    added.network.addOverride('terraform.required_version', '>= 1.11');
    const again = withQuietStackTraces(() => added.network.toTerraform()) as { terraform: { required_version: string } };
    expect(again.terraform.required_version).toBe('>= 1.11');
  });

  it('applies the permissions boundary before the preparation as the aspect does at synthesis', () => {
    const { stacks, added } = landingZoneApp(EXAMPLE_ACCOUNT_FILE);
    withQuietStackTraces(() => stacks.forEach((stack) => stack.prepareStack()));
    const roles = (withQuietStackTraces(() => added.services[0].toTerraform()) as { resource: { aws_iam_role: Record<string, { permissions_boundary?: string }> } }).resource.aws_iam_role;
    expect(Object.keys(roles).length).toBeGreaterThan(0);
    for (const role of Object.values(roles)) expect(role.permissions_boundary).toMatch(/^arn:aws:iam::\d{12}:policy\//);
  });
});
