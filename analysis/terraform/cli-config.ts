import { hclString } from './hcl';

/** The provider every synthesized stack requires; only it is served from the local mirror. */
export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';

interface CliConfigOptions {
  /** A filesystem mirror holding `AWS_PROVIDER` (packed or unpacked layout). */
  mirrorDir: string;
  /** Shared by every working directory, so each `init` links the provider instead of unpacking it. */
  pluginCacheDir: string;
}

/**
 * The Terraform CLI configuration for offline runs: the AWS provider comes only from the mirror,
 * and `direct` excludes it so Terraform never falls back to the registry for it (which would hang
 * or fail late without network). Other providers keep the default `direct` source, so a stack
 * that starts needing one fails at `init` with Terraform's own message naming it.
 */
export function renderCliConfig({ mirrorDir, pluginCacheDir }: CliConfigOptions): string {
  const provider = hclString(AWS_PROVIDER);
  return [
    `plugin_cache_dir = ${hclString(pluginCacheDir)}`,
    '',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${hclString(mirrorDir)}`,
    `    include = [${provider}]`,
    '  }',
    '  direct {',
    `    exclude = [${provider}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}
