import { Rule } from '../types';
import { compliant, violation } from '../result';
import { parseRef, remoteOutput } from '../terraform';

const RESOLVER_RULE_ARN = /^arn:[a-z-]+:route53resolver:[^:]+:\d{12}:resolver-rule\/rslvr-rr-[0-9a-z]+$/;
const TRANSIT_GATEWAY_ARN = /^arn:[a-z-]+:ec2:[^:]+:\d{12}:transit-gateway\/tgw-[0-9a-f]+$/;

/** What the landing zone shares: the corporate FORWARD rules, and the corporate Transit Gateway. */
const SHAREABLE: readonly { type: string; arn: RegExp }[] = [
  { type: 'aws_route53_resolver_rule', arn: RESOLVER_RULE_ARN },
  { type: 'aws_ec2_transit_gateway', arn: TRANSIT_GATEWAY_ARN },
];

export const rule: Rule = {
  id: 'LZ-RAM-001',
  severity: 'ERROR',
  invariant: 'RAM shares carry only Route 53 Resolver rules and the corporate Transit Gateway.',
  why:
    'The network account shares DNS forwarding and, with Transit Gateway connectivity, the Transit Gateway the service ' +
    'accounts attach to (its route tables stay the network account\'s, so sharing it grants no route). Sharing subnets, ' +
    'zones or anything more would let service accounts reach into the hub.',
  appliesTo: ['aws_ram_resource_association'],
  check(association, { stacks }) {
    const arn = association.body.resource_arn;
    // A rule of another stack arrives as a remote-state output: follow it to what that stack exports.
    const value = remoteOutput(stacks, arn)?.value ?? arn;
    const ref = parseRef(value);
    const shareable = SHAREABLE.some((s) => (ref ? ref.type === s.type && ref.attribute === 'arn' : s.arn.test(String(value))));
    return shareable ? compliant() : violation(`shares ${String(arn)}, which is neither a resolver rule nor a Transit Gateway`);
  },
};
