import { ResolverRuleSharing } from './resolver-rules';
import { CorporateDnsSharing } from './types';

export * from './types';
export { ResolverRuleSharing } from './resolver-rules';

/** The way the corporate DNS reaches the service accounts: the only one today is RAM-shared resolver rules. */
export function corporateDnsSharing(): CorporateDnsSharing {
  return new ResolverRuleSharing();
}
