/** The user -> Studio mappings against the service's Studio settings. */
import { DOMAIN_ID_PATTERN, mappingProblems, type StudioMapping } from '../../../lambda-src/shared/mapping';
import type { Problems } from '../problems';
import { asObject, asString, entries, type Json } from './json';

const MAPPING_FIXES: Record<keyof StudioMapping, string> = {
  username: "use the user's id exactly as the IdP puts it in usernameClaim (sub by default), e.g. 00u1a2b3c4d5e6f7g8h9",
  domainId: 'use one of studio.domainIds, e.g. d-abcdefghijkl',
  userProfileName: 'use a user profile name such as alice (with studio mode create: one of studio.userProfiles)',
  spaceName: 'use a space name such as alice-space, or remove spaceName',
  landingUri: 'use "studio::" (the Studio home) or "app:JupyterLab:", or remove landingUri',
};

export function checkMappings(problems: Problems, at: string, service: Json): void {
  const studio = asObject(service.studio);
  const mode = studio?.mode;
  const userProfiles = entries(studio?.userProfiles).map(([, name]) => name);
  const domainIds = entries(studio?.domainIds).map(([, id]) => id);
  const mappings = entries(service.mappings);
  for (const [j, value] of mappings) {
    const mapping = asObject(value);
    if (!mapping) continue;
    const mappingAt = `${at}.mappings[${j}]`;
    const domainGiven = mapping.domainId !== undefined;
    // Only mode existing needs a domainId; with an invalid mode the studio problem is the one to fix.
    for (const { field, message } of mappingProblems(mapping, { allowMissingDomainId: mode !== 'existing' })) {
      // In create mode any domainId is wrong, whatever its form: reported once below.
      if (field === 'domainId' && mode === 'create') continue;
      problems.add(`${mappingAt}.${field}`, message.replace(new RegExp(`^${field} `), ''), MAPPING_FIXES[field]);
    }
    if (mode === 'create' && domainGiven) {
      problems.add(`${mappingAt}.domainId`, 'must be omitted: with studio mode create the mapping uses the domain this stack creates',
        'remove domainId');
    }
    const domainId = asString(mapping.domainId);
    if (mode === 'existing' && domainIds.length > 0 && domainId && DOMAIN_ID_PATTERN.test(domainId) && !domainIds.includes(domainId)) {
      problems.add(`${mappingAt}.domainId`, `"${domainId}" is not one of ${at}.studio.domainIds`,
        'use one of studio.domainIds, or add this domain to them (the presign role may only use those domains)');
    }
    const profile = asString(mapping.userProfileName);
    if (mode === 'create' && profile && !userProfiles.includes(profile)) {
      problems.add(`${mappingAt}.userProfileName`, `"${profile}" is not one of ${at}.studio.userProfiles`,
        `add "${profile}" to studio.userProfiles, or map the user to one of them`);
    }
  }
  problems.unique(mappings.map(([j, value]) => [j, asObject(value)?.username]), (j) => `${at}.mappings[${j}].username`,
    'keep one mapping per username: the table holds one item per user');
  const profileOf = (mapping: Json | undefined) =>
    typeof mapping?.userProfileName === 'string' ? `${asString(mapping.domainId) ?? '(created domain)'}/${mapping.userProfileName}` : undefined;
  problems.unique(mappings.map(([j, value]) => [j, profileOf(asObject(value))]), (j) => `${at}.mappings[${j}].userProfileName`,
    'map each user to their own profile: two users on one profile share its spaces, files and execution role, so each can act as the other');
}
