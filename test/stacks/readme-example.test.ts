// The README's "Using the constructs in your own app" example, kept honest by running it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { synthesizeLandingZone } from '../../modules';
import { EXAMPLE_ACCOUNT_FILE } from '../support/configs';
import '../support/cdktf-matchers';

test('a team asserts on its own account file with the cdktf matchers', () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'readme-')), 'cdktf.out.test');
  const { stacks } = synthesizeLandingZone({ accountFile: EXAMPLE_ACCOUNT_FILE, outdir, warn: () => undefined });
  const synthesized = Testing.synth(stacks.services[0]);
  expect(synthesized).toHaveResourceWithProperties(ApiGatewayRestApi, {
    endpoint_configuration: expect.objectContaining({ types: ['PRIVATE'] }),
  });
  expect(synthesized).not.toHaveResourceWithProperties(ApiGatewayRestApi, {
    endpoint_configuration: expect.objectContaining({ types: ['REGIONAL'] }),
  });
});
