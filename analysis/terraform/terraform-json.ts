/** What the Terraform tooling reads of a synthesized stack besides its references. */
import { SynthesizedStack, stackProvider } from '../synthesized';

/** `type.name` of every resource block (instances of `count`/`for_each` are not expanded). */
export function resourceAddresses(stack: SynthesizedStack): string[] {
  return Object.entries(stack.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

/**
 * The exact version a stack pins for a required provider (`aws` -> `5.100.0`). A range is refused:
 * it would leave open which build to look for in the mirror, and cdktf bindings pin one version.
 */
export function pinnedProviderVersion(stack: SynthesizedStack, provider: string): string {
  const required = stack.terraform?.required_providers as Record<string, { version?: string }> | undefined;
  const version = required?.[provider]?.version;
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`the stack must pin an exact version of provider ${provider} (found ${version ?? 'none'})`);
  }
  return version;
}

/** Region and account of a stack's default AWS provider, for values that embed them (ARNs). */
export function awsProviderContext(stack: SynthesizedStack): { region: string; accountId: string } {
  const { region, accountId } = stackProvider(stack);
  if (!region || !accountId) throw new Error('the stack has no default aws provider with region and allowed_account_ids');
  return { region, accountId };
}
