import { S3_AWS_OWNED_EXCEPTIONS, exceptionStatement, insidePerimeter, landingZonePerimeter, perimeterAllow } from '../../modules/perimeter/endpoint-policy';
import { loadAccountFile } from '../../modules/config/load';
import { EXAMPLE_ACCOUNT_FILE } from '../support/configs';

describe('endpoint policy perimeter', () => {
  const accounts = { accountIds: ['333333333333', '111111111111', '333333333333'] };

  it('holds principal and resource to the landing zone\'s accounts, in one AND-ed condition', () => {
    expect(insidePerimeter(accounts)).toEqual({
      StringEquals: { 'aws:PrincipalAccount': ['111111111111', '333333333333'], 'aws:ResourceAccount': ['111111111111', '333333333333'] },
    });
  });

  it('becomes the Organization when one is named', () => {
    expect(insidePerimeter({ ...accounts, organizationId: 'o-a1b2c3d4e5' })).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:ResourceOrgID': 'o-a1b2c3d4e5' },
    });
  });

  it('takes the network and every service account of the file', () => {
    const { config } = loadAccountFile(EXAMPLE_ACCOUNT_FILE);
    expect([...landingZonePerimeter(config).accountIds].sort()).toEqual([config.network.accountId, ...config.services.map((s) => s.accountId)].sort());
    expect(landingZonePerimeter({ ...config, organizationId: 'o-a1b2c3d4e5' }).organizationId).toBe('o-a1b2c3d4e5');
  });

  it('never allows a service\'s every action to anyone without the perimeter', () => {
    expect(perimeterAllow('X', 's3:*', accounts).Condition).toEqual(insidePerimeter(accounts));
  });

  it('lets an AWS-owned exception keep the principal half: only the resource half is lifted', () => {
    for (const exception of S3_AWS_OWNED_EXCEPTIONS) {
      const statement = exceptionStatement(exception, 'eu-west-1', accounts);
      expect(statement.Condition).toEqual({ StringEquals: { 'aws:PrincipalAccount': ['111111111111', '333333333333'] } });
      expect(exception.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      for (const action of [statement.Action].flat()) expect(action).toMatch(/^s3:(Get|List)[A-Za-z]+$/);
      for (const resource of [statement.Resource].flat()) expect(resource).toMatch(/^arn:aws:s3:::[a-z0-9.-]+-eu-west-1(\/\*)?$/);
    }
  });
});
