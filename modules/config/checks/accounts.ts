/** Accounts and their deploy roles: who deploys where, one account per service. */
import { inline, type Problems } from '../problems';
import { asString, type Json } from './json';

/** Terraform Cloud's token names the organization: it comes from the cloud backend or is written out. */
export function checkDeployTrust(problems: Problems, trust: Json | undefined, backend: Json | undefined): void {
  if (trust?.type === 'terraform-cloud' && trust.organization === undefined && backend?.type !== 'cloud') {
    problems.add('deployRoles.trust.organization', 'is required without a cloud backend', 'add organization: <your Terraform Cloud organization>');
  }
}

/** A role in another account would fail `allowed_account_ids` only at plan time. */
export function checkRoleAccount(problems: Problems, at: string, account: Json, deployRoleName: string): void {
  const accountId = asString(account.accountId);
  const roleAccount = /^arn:aws:iam::([0-9]{12}):role\//.exec(asString(account.roleArn) ?? '')?.[1];
  if (accountId && /^[0-9]{12}$/.test(accountId) && roleAccount && roleAccount !== accountId) {
    problems.add(`${at}.roleArn`, `is a role in account ${roleAccount}, not in ${at}.accountId (${accountId})`,
      `use a role in account ${accountId}, e.g. arn:aws:iam::${accountId}:role/${deployRoleName}, or omit roleArn`);
  }
}

export function checkServiceIdentities(problems: Problems, network: Json, services: [number, Json][]): void {
  problems.unique(services.map(([i, service]) => [i, service.name]), (i) => `services[${i}].name`,
    'give each service a unique name: it names the service-<name> and network-link-<name> stacks');
  const networkAccount = asString(network.accountId);
  const seenAccounts = new Map<string, number>();
  for (const [i, service] of services) {
    const accountId = asString(service.accountId);
    if (accountId === undefined) continue;
    const earlier = seenAccounts.get(accountId);
    if (accountId === networkAccount) {
      problems.add(`services[${i}].accountId`, `is the network account (network.accountId)`,
        'use a separate account for each service: the network account may not also be a service account');
    } else if (earlier !== undefined) {
      problems.add(`services[${i}].accountId`, `repeats services[${earlier}].accountId (${inline(accountId)})`,
        'give each service its own account: each service stack owns one account');
    } else {
      seenAccounts.set(accountId, i);
    }
  }
}
