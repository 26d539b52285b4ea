/** The data perimeter's settings: the Organization it may be, and the narrower egress and clients. */
import { containsCidr, type Cidr } from '../cidr';
import { Problems, inline } from '../problems';
import { checkCidr } from './cidrs';
import { asObject, asString, entries, type Json } from './json';

/** An Organization perimeter holds only when every account of the landing zone is in it. */
export function checkOrganization(problems: Problems, root: Json): void {
  if (root.organizationId !== undefined && root.inOrganization !== true) {
    problems.add('organizationId', 'needs inOrganization: true (an Organization perimeter assumes every account of the landing zone is in it)',
      'set inOrganization: true, or remove organizationId to keep the perimeter at the landing zone\'s account ids');
  }
}

/** Each CIDR of a list lies inside one of `within`. */
function checkInsideRanges(problems: Problems, at: string, value: unknown, within: Cidr[], where: string, fix: string): void {
  for (const [i, text] of entries(value)) {
    const cidr = checkCidr(problems, `${at}[${i}]`, text, { vpc: false });
    if (cidr && within.length > 0 && !within.some((outer) => containsCidr(outer, cidr))) {
      problems.add(`${at}[${i}]`, `${inline(text)} is outside ${where}`, fix);
    }
  }
}

/**
 * The IdP's addresses narrow the in-VPC verifiers' egress, so they must be where the VPC routes
 * (the corporate ranges) and there must be such an egress (a jwksUri fetched from inside the VPC);
 * extra endpoint clients are the VPC's own workloads.
 */
export function checkServicePerimeter(problems: Problems, at: string, service: Json, corporateCidrs: Cidr[], vpc: Cidr | undefined): void {
  const idp = asObject(service.identityProvider);
  checkInsideRanges(problems, `${at}.identityProvider.addresses`, idp?.addresses, corporateCidrs,
    'the corporate ranges (the service VPC routes only to them)', 'list the JWKS host\'s (or proxy\'s) addresses on the corporate network, e.g. 10.1.2.10/32');
  if (idp?.addresses !== undefined) {
    if (idp.jwksUri === undefined) {
      problems.add(`${at}.identityProvider.addresses`, 'applies only to jwksUri', 'remove addresses: an inline jwks needs no network path');
    } else if (asString(asObject(idp.jwksAccess)?.via) === 'outside-vpc') {
      problems.add(`${at}.identityProvider.addresses`, 'does not apply with jwksAccess via outside-vpc (the authorizer has no VPC egress)', 'remove addresses');
    }
  }
  if (vpc) {
    checkInsideRanges(problems, `${at}.endpoints.extraClientCidrs`, asObject(service.endpoints)?.extraClientCidrs, [vpc],
      `the service VPC (${String(service.vpcCidr)})`, 'list ranges of the service VPC\'s own subnets');
  }
}
