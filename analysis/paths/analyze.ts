/**
 * Offline reachability analysis over a synthesized landing zone: builds the network model of every
 * stack and proves the landing zone's flows and the DNS perimeter, each with its hops or its first missing hop.
 */
import * as path from 'path';
import { findServices } from './analysis/landscape';
import { buildModel } from './build';
import { FlowContext, FlowDefinition, FlowResult, runFlow } from './flows/flow';
import { inboundResolverFlow } from './flows/inbound-resolver';
import { studioDnsFlow } from './flows/studio-dns';
import { executeApiEndpointFlow, studioEndpointFlow } from './flows/corporate-endpoints';
import { presignFlow } from './flows/presign';
import { jwksFlow } from './flows/jwks';
import { noInternetFlow } from './flows/no-internet';
import { isolationFlow } from './flows/isolation';
import { dnsPerimeterFlow } from './flows/dns-perimeter';
import { networkPerimeterFlow } from './flows/network-perimeter';
import { NetworkModel } from './model';
import { readSynthesizedStacks } from '../synthesized';
import { Stacks } from './terraform';


export interface PathsReport {
  /** True when every flow passes. */
  ok: boolean;
  /** By flow number, then service in stack order. */
  results: FlowResult[];
  /** How the model reads what Terraform does not say, once for the whole report. */
  assumptions: string[];
}

const FLOWS: readonly FlowDefinition[] = [
  inboundResolverFlow,
  studioDnsFlow,
  studioEndpointFlow,
  executeApiEndpointFlow,
  presignFlow,
  jwksFlow,
  noInternetFlow,
  isolationFlow,
  dnsPerimeterFlow,
  networkPerimeterFlow,
];

/** Ranges and defaults the model assumes for every flow. */
const MODEL_ASSUMPTIONS = [
  'corporate side: the VPC the hub peers with, or the one Transit Gateway attachment that is neither the hub\'s nor a service\'s (a VPN / Direct Connect attachment, or a simulated corporate VPC)',
  'corporate ranges: every range a route table sends towards the corporate side, plus the corporate VPC\'s own block; in a VPC only its own addresses are clients (peering carries nothing beyond it)',
  'corporate clients, DNS servers and the IdP sit anywhere in the corporate ranges: behind the corporate attachment, or in the corporate VPC, entering AWS by its route tables; their own firewalls are not in the output',
  'a VPN or Direct Connect attachment\'s BGP-learned prefixes are not in the output: only static Transit Gateway routes to it count',
  'a subnet without a declared network ACL has the default ACL, which allows everything',
];

/** A service VPC the output looks up instead of creating: what it held before is not in the output. */
function existingVpcAssumptions(model: NetworkModel): string[] {
  const lookedUp = [...model.vpcs.values()].filter((vpc) => vpc.id.includes('/data.aws_vpc.') && [...model.subnets.values()].some((s) => s.vpc === vpc.id));
  return lookedUp.map((vpc) =>
    `existing VPC ${vpc.name} (looked up, not created): DNS support and DNS hostnames are on, and its looked-up route tables held only the local route before this output ` +
    '(no internet, NAT or egress-only gateway, no other peering or Transit Gateway route): the output cannot show it, the operator checks it (README: Existing service VPCs)',
  );
}

/** Analyses `<outdir>/stacks/*\/cdk.tf.json` (default: `cdktf.out` of the working directory). */
export function analyzePaths(outdir: string = path.resolve('cdktf.out')): PathsReport {
  return analyzeStacks(readSynthesizedStacks(outdir));
}

/** Analyses parsed stacks (by stack name), e.g. a mutated copy in a test. */
export function analyzeStacks(stacks: Stacks): PathsReport {
  return analyzeModel(buildModel(stacks));
}

function analyzeModel(model: NetworkModel): PathsReport {
  const ctx: FlowContext = { model, region: model.region ?? '' };
  const services = findServices(model);
  const results = FLOWS.flatMap((definition) =>
    definition.scope === 'landing-zone'
      ? [runFlow(definition, 'landing zone', (trace) => definition.run(ctx, trace))]
      : services.map((service) => runFlow(definition, service.name, (trace) => definition.run(ctx, trace, service))),
  );
  const assumptions = [...new Set([...MODEL_ASSUMPTIONS, ...existingVpcAssumptions(model), ...results.flatMap((r) => r.assumptions)])];
  return { ok: results.every((r) => r.ok), results, assumptions };
}
