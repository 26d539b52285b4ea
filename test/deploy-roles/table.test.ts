import { actionExists } from '../../analysis/policy-proofs/iam-data';
import { MissingTableEntryError, generateDeployRoles, typesUsed } from '../../tools/deploy-roles/generate';
import { DATA_SOURCE_ACTIONS, PASSED_ROLES, PHASES, RESOURCE_ACTIONS, SERVICE_LINKED_ROLES } from '../../tools/deploy-roles/table';
import { ACCOUNT_FILES, PIPELINE, synthesizedLandingZone } from './support';
import { exampleStack } from '../support/shared-synth';

describe.each(Object.keys(ACCOUNT_FILES))('the action table covers the %s landing zone', (name) => {
  it('has an entry for every resource type and data source its stacks synthesize', () => {
    const { stacks } = synthesizedLandingZone(name);
    const { resources, dataSources } = typesUsed(Object.values(stacks));
    expect(resources.length).toBeGreaterThan(10);
    for (const t of resources) expect(RESOURCE_ACTIONS[t]).toBeDefined();
    for (const t of dataSources) expect(DATA_SOURCE_ACTIONS[t]).toBeDefined();
  }, 60_000);
});

describe('the action table', () => {
  it('names only actions the Service Authorization Reference knows', async () => {
    const actions = new Set([
      ...Object.values(RESOURCE_ACTIONS).flatMap((e) => PHASES.flatMap((p) => e[p])),
      ...Object.values(DATA_SOURCE_ACTIONS).flat(),
    ]);
    const unknown: string[] = [];
    for (const a of actions) if (!(await actionExists(a))) unknown.push(a);
    expect(unknown).toEqual([]);
    expect(await actionExists('ec2:CreateVpcs')).toBe(false);
  });

  it('gives every resource type that creates something a create action and a read action', () => {
    for (const [type, entry] of Object.entries(RESOURCE_ACTIONS)) {
      expect([type, entry.create.length > 0 || entry.update.length > 0]).toEqual([type, true]);
      expect([type, entry.read.length > 0]).toEqual([type, true]);
    }
  });

  it('lists passed roles and service-linked roles only for types it knows', () => {
    for (const t of [...Object.keys(PASSED_ROLES), ...Object.keys(SERVICE_LINKED_ROLES)]) expect(RESOURCE_ACTIONS[t]).toBeDefined();
  });

  it('refuses to generate a role for a stack with a resource type it does not know', async () => {
    const { stacks } = synthesizedLandingZone('example');
    const service = stacks[exampleStack('service-analytics')];
    service.resource = { ...service.resource, aws_instance: { box: { ami: 'ami-0123' } } };
    await expect(generateDeployRoles(stacks, { trust: PIPELINE, permissionsBoundaryName: 'b' })).rejects.toThrow(MissingTableEntryError);
    await expect(generateDeployRoles(stacks, { trust: PIPELINE, permissionsBoundaryName: 'b' })).rejects.toThrow(/aws_instance.*tools\/deploy-roles\/table\.ts/);
  }, 60_000);
});
