// The README's "Using the constructs in your own app" example, kept honest by running it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { addLandingZone, loadAccountFile } from '../../modules';
import { buildLambdaBundles } from '../../lambda-src/build';
import { EXAMPLE_ACCOUNT_FILE } from '../support/configs';

test('a team asserts on its own account file with the cdktf matchers', () => {
  const { config } = loadAccountFile(EXAMPLE_ACCOUNT_FILE);
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'readme-')) });
  const { services } = addLandingZone(app, config, buildLambdaBundles());
  app.synth();
  const synthesized = Testing.synth(services[0]);
  expect(synthesized).toHaveResourceWithProperties(ApiGatewayRestApi, {
    endpoint_configuration: expect.objectContaining({ types: ['PRIVATE'] }),
  });
  expect(synthesized).not.toHaveResourceWithProperties(ApiGatewayRestApi, {
    endpoint_configuration: expect.objectContaining({ types: ['REGIONAL'] }),
  });
});
