import { Rule } from '../types';
import { compliant, violation } from '../result';
import { hasQueryLogging, resolverEndpointVpc } from '../resources';

export const rule: Rule = {
  id: 'LZ-DNS-004',
  severity: 'ERROR',
  invariant: 'The VPC of every resolver endpoint has Route 53 Resolver query logging.',
  why: 'Query logs show which names the corporate network resolved through the hub and which answers it got: the evidence when a Studio login resolves to the wrong place.',
  appliesTo: ['aws_route53_resolver_endpoint'],
  check(endpoint, { stack }) {
    const vpc = resolverEndpointVpc(stack, endpoint);
    if (!vpc) return violation('its VPC is not defined in this stack, so query logging cannot be shown');
    return hasQueryLogging(stack, vpc) ? compliant() : violation(`${vpc.address} has no resolver query log configuration`);
  },
};
