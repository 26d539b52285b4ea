import { Rule } from '../types';
import { compliant, violation } from '../result';
import { parseRef, remoteOutput } from '../terraform';

const RESOLVER_RULE_ARN = /^arn:[a-z-]+:route53resolver:[^:]+:\d{12}:resolver-rule\/rslvr-rr-[0-9a-z]+$/;

export const rule: Rule = {
  id: 'LZ-RAM-001',
  severity: 'ERROR',
  invariant: 'RAM shares carry only Route 53 Resolver rules.',
  why: 'The network account shares DNS forwarding and nothing else; sharing subnets, zones or anything more would let service accounts reach into the hub.',
  appliesTo: ['aws_ram_resource_association'],
  check(association, { stacks }) {
    const arn = association.body.resource_arn;
    // A rule of another stack arrives as a remote-state output: follow it to what that stack exports.
    const value = remoteOutput(stacks, arn)?.value ?? arn;
    const ref = parseRef(value);
    if (ref ? ref.type === 'aws_route53_resolver_rule' && ref.attribute === 'arn' : RESOLVER_RULE_ARN.test(String(value))) return compliant();
    return violation(`shares ${String(arn)}, which is not a resolver rule`);
  },
};
