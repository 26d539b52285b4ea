/**
 * Transit Gateway forwarding: traffic enters by the attachment of its VPC (or the corporate
 * network's VPN / Direct Connect attachment), is looked up in the one route table that attachment
 * is associated with (static routes, blackholes, and the CIDRs of the VPC attachments that
 * propagate into it; longest prefix wins, a static route wins over a propagated one of the same
 * prefix), and leaves by the attachment the route names.
 * https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
 */
import { parseCidr } from '../../../modules/config/cidr';
import { Id, NetworkModel, TgwAttachment, TgwRouteTable } from '../model';
import { Range, cidrContains, describeRange, vpcName } from './routes';
import { missing, need } from './trace';

const gatewayName = (model: NetworkModel, id: Id) => model.transitGateways.get(id)?.name ?? id;

/** The account that owns the Transit Gateway: its creator, or for an existing one the account that manages its route tables. */
function ownerOf(model: NetworkModel, transitGateway: Id): string | undefined {
  const declared = model.transitGateways.get(transitGateway)?.account;
  if (declared) return declared;
  const table = [...model.tgwRouteTables.values()].find((t) => t.transitGateway === transitGateway);
  return table?.stack ? model.stackAccounts.get(table.stack) : undefined;
}

/** An attachment of another account carries traffic once the owner accepts it (or the Transit Gateway auto-accepts). */
function acceptance(model: NetworkModel, attachment: TgwAttachment): string {
  const owner = ownerOf(model, attachment.transitGateway);
  if (attachment.kind === 'corporate' || !attachment.account || attachment.account === owner) return '';
  const accepter = attachment.accepters.find((a) => a.account === owner);
  if (accepter) return `, accepted in ${accepter.id.split('/')[0]}`;
  if (model.transitGateways.get(attachment.transitGateway)?.autoAccept) return ', auto-accepted';
  return missing(
    `Transit Gateway attachment ${attachment.name} (account ${attachment.account}) is never accepted: ` +
      `no aws_ec2_transit_gateway_vpc_attachment_accepter in account ${owner ?? 'of the Transit Gateway'}, and ${gatewayName(model, attachment.transitGateway)} does not auto-accept`,
  );
}

/** The attachment of a VPC to a Transit Gateway, able to carry traffic. */
function vpcAttachment(model: NetworkModel, vpc: Id | undefined, transitGateway: Id, why: string): TgwAttachment {
  return need(
    [...model.tgwAttachments.values()].find((a) => a.kind === 'vpc' && a.vpc === vpc && a.transitGateway === transitGateway),
    `${why}, but VPC ${vpcName(model, vpc)} has no attachment to Transit Gateway ${gatewayName(model, transitGateway)}`,
  );
}

/** The one route table an attachment is associated with. */
function associatedTable(model: NetworkModel, attachment: TgwAttachment): TgwRouteTable {
  const tables = [...model.tgwRouteTables.values()].filter((t) => t.associations.some((a) => a.attachment === attachment.id));
  if (tables.length > 1) missing(`Transit Gateway attachment ${attachment.name} is associated with ${tables.map((t) => t.name).join(', ')}: an attachment has one route table`);
  return need(tables[0], `Transit Gateway attachment ${attachment.name} is associated with no route table of ${gatewayName(model, attachment.transitGateway)}: its traffic is dropped`);
}

interface Candidate {
  cidr: string;
  attachment?: Id;
  blackhole: boolean;
  how: string;
  static: boolean;
}

/** Static routes and VPC attachments' propagated CIDRs (a VPN's or Direct Connect's learned prefixes are not in the output). */
function candidates(model: NetworkModel, table: TgwRouteTable): Candidate[] {
  const propagated = table.propagations.flatMap(({ attachment: id }) => {
    const attachment = model.tgwAttachments.get(id);
    const cidr = attachment?.vpc ? model.vpcs.get(attachment.vpc)?.cidr : undefined;
    return cidr && attachment ? [{ cidr, attachment: id, blackhole: false, how: `propagated from ${attachment.name}`, static: false }] : [];
  });
  const routes = table.routes.map((r) => ({ cidr: r.cidr, attachment: r.attachment, blackhole: r.blackhole, how: r.blackhole ? 'blackhole route' : 'static route', static: true }));
  return [...routes, ...propagated];
}

function lookup(model: NetworkModel, table: TgwRouteTable, range: Range): Candidate | undefined {
  if (!('cidr' in range)) return undefined;
  const prefix = (c: Candidate) => parseCidr(c.cidr)?.prefix ?? -1;
  return candidates(model, table)
    .filter((c) => cidrContains(c.cidr, range.cidr))
    .sort((a, b) => prefix(b) - prefix(a) || Number(b.static) - Number(a.static))[0];
}

/**
 * From an attachment through its route table to the attachment of `destination` (a VPC, or the
 * corporate network behind its attachment). Returns the hop.
 */
function forwardFrom(model: NetworkModel, attachment: TgwAttachment, range: Range, destination: Id | undefined): string {
  const what = describeRange(model, range);
  const table = associatedTable(model, attachment);
  const route = need(
    lookup(model, table, range),
    `Transit Gateway route table ${table.name} has no route to ${what}: no static route and no propagation from an attachment that holds it`,
  );
  if (route.blackhole) missing(`Transit Gateway route table ${table.name} drops ${what}: ${route.cidr} is a blackhole route`);
  const target = need(model.tgwAttachments.get(route.attachment ?? ''), `Transit Gateway route table ${table.name} sends ${what} to an attachment that is not declared`);
  const reaches = target.kind === 'corporate' ? target.id : target.vpc;
  if (reaches !== destination) {
    missing(`Transit Gateway route table ${table.name} sends ${what} to attachment ${target.name} (${vpcName(model, reaches)}), not to ${vpcName(model, destination)}`);
  }
  const where = target.kind === 'corporate' ? vpcName(model, reaches) : `VPC ${vpcName(model, reaches)}`;
  return `Transit Gateway route table ${table.name} (associated with ${attachment.name}): ${route.cidr} ${route.how} -> attachment ${target.name}${acceptance(model, target)} -> ${where}`;
}

/** A VPC route table that sends `range` to a Transit Gateway: through the VPC's attachment onward. Returns the hop. */
export function throughTransitGateway(model: NetworkModel, vpc: Id | undefined, transitGateway: Id, range: Range, destination: Id | undefined, table: string): string {
  const attachment = vpcAttachment(model, vpc, transitGateway, `rtb ${table} sends ${describeRange(model, range)} to Transit Gateway ${gatewayName(model, transitGateway)}`);
  return `Transit Gateway ${gatewayName(model, transitGateway)} (attachment ${attachment.name}${acceptance(model, attachment)}); ${forwardFrom(model, attachment, range, destination)}`;
}

/** The corporate network's traffic enters AWS at its attachment. */
export function fromCorporateAttachment(model: NetworkModel, attachment: Id, range: Range, destination: Id | undefined): string {
  const entry = need(model.tgwAttachments.get(attachment), `corporate attachment ${attachment} is not in the output`);
  return `corporate network -> ${forwardFrom(model, entry, range, destination)}`;
}
