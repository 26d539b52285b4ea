import { DeployRole } from '../../modules/bootstrap/deploy-role';
import { addressesOf, blocksOf, onlyBlock, reference, synthUnit } from '../support/unit-synth';

const document = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe('DeployRole', () => {
  const build = (names: string[]) => synthUnit((scope) => new DeployRole(scope, 'd', {
    roleName: 'landing-deploy',
    trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:role/pipeline' }, Action: 'sts:AssumeRole' }] },
    managedPolicies: names.map((name) => ({ name, document: document(`ec2:${name}`) })),
    permissionsBoundaryName: 'landing-boundary',
    permissionsBoundary: document('*'),
  })).resource;

  it('creates the boundary, carries it on the role, and attaches each managed policy', () => {
    const resources = build(['landing-deploy-1', 'landing-deploy-2']);
    const boundary = addressesOf(resources, 'aws_iam_policy').find((a) => a.startsWith('d_boundary_'))!;
    expect(onlyBlock(resources, 'aws_iam_role')).toMatchObject({
      name: 'landing-deploy', permissions_boundary: reference('aws_iam_policy', boundary, 'arn'), max_session_duration: 3600,
    });
    expect(JSON.parse(String(onlyBlock(resources, 'aws_iam_role').assume_role_policy)).Statement[0].Principal).toEqual({ AWS: 'arn:aws:iam::999999999999:role/pipeline' });
    const attached = blocksOf(resources, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn).sort();
    expect(attached).toEqual(addressesOf(resources, 'aws_iam_policy').filter((a) => a !== boundary).map((a) => reference('aws_iam_policy', a, 'arn')).sort());
  });

  it('keys policies by name: a policy added later leaves the others\' addresses', () => {
    const one = addressesOf(build(['landing-deploy-1']), 'aws_iam_policy');
    const two = addressesOf(build(['landing-deploy-1', 'landing-deploy-2']), 'aws_iam_policy');
    expect(two).toEqual(expect.arrayContaining(one));
    expect(two.filter((a) => !one.includes(a))).toEqual([expect.stringMatching(/^d_policy-landing-deploy-2_/)]);
  });
});
