import { ForwardingPlan } from './plan';
import { renderProxyAllowlist } from './proxy';
import { renderBind, renderDnsmasq, renderUnbound, renderWindowsDns } from './resolvers';

/** One generated file and who applies it (listed in the README). */
export interface CorporateDnsFile {
  name: string;
  purpose: string;
  appliedBy: string;
  render: (plan: ForwardingPlan) => string;
}

export const CONFIG_FILES: readonly CorporateDnsFile[] = [
  {
    name: 'named.conf',
    purpose: 'BIND 9 forward-only zone statements; `include` them from named.conf',
    appliedBy: 'DNS team (BIND servers)',
    render: renderBind,
  },
  {
    name: 'unbound.conf',
    purpose: 'Unbound `forward-zone` clauses (forward-only) and the matching `server` exemptions; `include:` it',
    appliedBy: 'DNS team (Unbound servers)',
    render: renderUnbound,
  },
  {
    name: 'dnsmasq.conf',
    purpose: 'dnsmasq `server=/zone/ip` lines; drop into /etc/dnsmasq.d/',
    appliedBy: 'DNS team (dnsmasq on branch, lab or VPN resolvers)',
    render: renderDnsmasq,
  },
  {
    name: 'windows-dns.ps1',
    purpose: 'Windows Server / Active Directory DNS conditional forwarders; adds or updates them, safe to re-run, `-WhatIf` previews',
    appliedBy: 'Windows / Active Directory team',
    render: renderWindowsDns,
  },
  {
    name: 'proxy-allowlist.txt',
    purpose: 'Host patterns a proxy, PAC file or Zscaler-style client sends direct over the private route, uninspected, with WebSockets',
    appliedBy: 'Network security / proxy team',
    render: renderProxyAllowlist,
  },
];
