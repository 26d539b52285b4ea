import { ForwardingPlan, executeApiDomain } from './plan';
import { generatedBy } from './resolvers';

/** A host family that must reach its VPC endpoint directly over the private connection. */
interface PrivateHostPattern {
  /** Wildcard form, as most proxies and Zscaler-style clients take it. */
  pattern: string;
  /** Anchored regular expression, for products that only take regexes. */
  regex: string;
  purpose: string;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The hosts a browser reaches during the flow. Both must leave the client on the private route:
 * SageMaker and the API check `aws:SourceVpce`, so a request that a proxy sends out over the
 * internet is refused, and Studio's kernels and terminals are WebSockets.
 */
export function privateHostPatterns(plan: ForwardingPlan): PrivateHostPattern[] {
  const studio = plan.dnsZones.map((dnsZone) => ({
    pattern: `*.${dnsZone}`,
    regex: `^[a-z0-9-]+\\.${escapeRegex(dnsZone)}$`,
    purpose: 'Studio UI, its API calls and kernel/terminal WebSockets (wss://), through the Studio endpoint',
  }));
  const api = executeApiDomain(plan.region);
  return [
    ...studio,
    {
      // Only the `{api-id}-{vpce-id}` form: other execute-api hosts are other teams' public APIs.
      pattern: `*-vpce-*.${api}`,
      regex: `^[a-z0-9]{10}-vpce-[0-9a-f]{8,17}\\.${escapeRegex(api)}$`,
      purpose: 'the portal\'s GET /studio on the private API ({api-id}-{vpce-id} host, invoke_url output)',
    },
  ];
}

/** One pattern per line; comments give the regex form and the purpose. */
export function renderProxyAllowlist(plan: ForwardingPlan): string {
  return `${[
    ...generatedBy(plan, '#'),
    '# Host patterns a corporate proxy, PAC file or Zscaler-style client must send DIRECT over the',
    '# private connection (never out to the internet), without TLS interception, with WebSocket',
    '# upgrades allowed. One wildcard pattern per line; the comment above each gives its regex form.',
    ...privateHostPatterns(plan).flatMap((p) => ['', `# ${p.purpose}`, `# regex: ${p.regex}`, p.pattern]),
  ].join('\n')}\n`;
}
