import { AWS_PROVIDER, renderCliConfig } from '../../analysis/terraform/cli-config';
import { hclString, hclValue } from '../../analysis/terraform/hcl';

describe('renderCliConfig', () => {
  const config = renderCliConfig({ mirrorDir: '/opt/tf-plugins', pluginCacheDir: '/repo/.build/terraform/plugin-cache' });

  it('serves the AWS provider only from the mirror and never from the registry', () => {
    expect(config).toContain(`filesystem_mirror {\n    path    = "/opt/tf-plugins"\n    include = ["${AWS_PROVIDER}"]\n  }`);
    expect(config).toContain(`direct {\n    exclude = ["${AWS_PROVIDER}"]\n  }`);
  });

  it('shares one plugin cache between all working directories', () => {
    expect(config).toMatch(/^plugin_cache_dir = "\/repo\/\.build\/terraform\/plugin-cache"$/m);
  });

  it('quotes paths that HCL would otherwise interpolate or end early', () => {
    const odd = renderCliConfig({ mirrorDir: '/tmp/a "b"/${HOME}', pluginCacheDir: 'C:\\cache' });
    expect(odd).toContain('path    = "/tmp/a \\"b\\"/$${HOME}"');
    expect(odd).toContain('plugin_cache_dir = "C:\\\\cache"');
  });
});

describe('hcl', () => {
  it('escapes interpolation and directive openers in strings', () => {
    expect(hclString('${x} %{if} $ %')).toBe('"$${x} %%{if} $ %"');
  });

  it('writes nested values with quoted keys', () => {
    expect(hclValue({ outputs: { 'a-b': 'x', list: [1, true, null], empty: [], none: {} } })).toBe(
      ['{', '  "outputs" = {', '    "a-b" = "x"', '    "list" = [', '      1,', '      true,', '      null,', '    ]', '    "empty" = []', '    "none" = {}', '  }', '}'].join('\n'),
    );
  });
});
