import { NetworkModel } from '../model';
import { Output, Stacks } from '../terraform';
import { BuildContext, displayName } from './context';
import { buildDns } from './dns';
import { buildNetworkAcls, buildSecurityGroups } from './filters';
import { buildRouting } from './routing';
import { buildWorkloads } from './workloads';

/** The network model of every stack of one synthesized output. */
export function buildModel(stacks: Stacks): NetworkModel {
  const out = new Output(stacks);
  const ctx = new BuildContext(out);
  const names = Object.keys(stacks);
  return {
    region: names.map((stack) => out.stackRegion(stack)).find((region) => region !== undefined),
    labels: new Map(out.all().map((r) => [r.address, displayName(r)])),
    stackAccounts: new Map(names.map((stack) => [stack, out.stackAccount(stack)])),
    stackNames: new Map(names.map((stack) => [stack, out.stackNameInLandingZone(stack)])),
    outputs: new Map(names.map((stack) => [stack, out.plainOutputs(stack)])),
    ...buildRouting(ctx),
    securityGroups: buildSecurityGroups(ctx),
    nacls: buildNetworkAcls(ctx),
    ...buildDns(ctx),
    ...buildWorkloads(ctx),
  };
}
