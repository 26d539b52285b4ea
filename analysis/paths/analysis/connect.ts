/** One connection, both ways: routes there and back, security groups, network ACLs. */
import { Id, NetworkModel } from '../model';
import { Traffic, replies, requireAcls, requireSecurityGroups } from './filters';
import { Range, routeTo } from './routes';
import { Trace, need } from './trace';
import { fromCorporateAttachment } from './transit';

/** One end of a connection. */
export interface Side {
  /** Where the range lives; undefined for an AWS service behind a prefix list. */
  vpc?: Id;
  range: Range;
  /** Tables the side's traffic leaves by; none for an AWS service (its replies need no route of ours). */
  routeTables: Id[];
  /** Subnets whose network ACLs the traffic crosses (none when the side is outside the output). */
  subnets: Id[];
  /** Undefined when the side's own security groups are outside the output (a corporate host). */
  securityGroups?: Id[];
  /** Names the side in security group messages. */
  label?: string;
  /** The corporate network behind this Transit Gateway attachment: its traffic enters there. */
  entersAt?: Id;
}

/**
 * Proves that `from` reaches `to` with the traffic and that the replies come back: a route from
 * every table of `from` to `to`, egress and ingress rules, ACLs both ways, a route back from every
 * table of `to`. Security groups are stateful, so replies need no rule; ACLs are not.
 */
export function connect(model: NetworkModel, trace: Trace, from: Side, to: Side, t: Traffic): void {
  for (const table of from.routeTables) trace.hop(routeTo(model, tableOf(model, table), to.range, to.vpc));
  if (from.entersAt) trace.hop(fromCorporateAttachment(model, from.entersAt, to.range, to.vpc));
  const toPeer = { range: to.range, securityGroups: to.securityGroups, label: to.label };
  const fromPeer = { range: from.range, securityGroups: from.securityGroups, label: from.label };
  if (from.securityGroups) trace.hop(requireSecurityGroups(model, from.securityGroups, 'egress', t, toPeer));
  requireAcls(model, from.subnets, true, t, to.range).forEach((h) => trace.hop(h));
  requireAcls(model, to.subnets, false, t, from.range).forEach((h) => trace.hop(h));
  if (to.securityGroups) trace.hop(requireSecurityGroups(model, to.securityGroups, 'ingress', t, fromPeer));
  for (const table of to.routeTables) trace.hop(`back: ${routeTo(model, tableOf(model, table), from.range, from.vpc)}`);
  if (to.entersAt) trace.hop(`back: ${fromCorporateAttachment(model, to.entersAt, from.range, from.vpc)}`);
  requireAcls(model, to.subnets, true, replies(t), from.range).forEach((h) => trace.hop(`back: ${h}`));
  requireAcls(model, from.subnets, false, replies(t), to.range).forEach((h) => trace.hop(`back: ${h}`));
}

function tableOf(model: NetworkModel, id: Id) {
  return need(model.routeTables.get(id), `route table ${id} is not declared`);
}
