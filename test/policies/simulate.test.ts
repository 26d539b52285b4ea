/**
 * The evaluator gets, for each request, only the statements that can match its action: the
 * verdicts must be the ones the whole policies give, and a policy the evaluator rejects must still
 * be rejected, whichever statement is wrong.
 */
import { Request, evaluate } from '../../analysis/policy-proofs/simulate';

const ROLE = 'arn:aws:iam::111111111111:role/example-deployer';
const FUNCTION = 'arn:aws:lambda:eu-west-1:111111111111:function:example-presign';

const request = (action: string, policies: Partial<Request>): Request => ({
  principal: ROLE,
  action,
  resource: action.startsWith('iam:') ? 'arn:aws:iam::111111111111:role/example-x' : FUNCTION,
  resourceAccount: '111111111111',
  context: { 'aws:RequestedRegion': 'eu-west-1' },
  ...policies,
});

const allow = (Action: string | string[]) => ({ Effect: 'Allow', Action, Resource: '*' });
const policy = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });

describe('the evaluator sees every statement that can match the action', () => {
  it('a wildcard or differently cased action still allows', async () => {
    for (const action of ['lambda:*', 'lambda:Get*', 'LAMBDA:getfunction', 'lambda:GetFunctio?', '*']) {
      const { verdict } = await evaluate(request('lambda:GetFunction', { identityPolicies: [policy(allow('iam:PassRole'), allow(action))] }));
      expect([action, verdict]).toEqual([action, 'Allowed']);
    }
  });

  it('a Deny through NotAction still denies', async () => {
    const identity = policy(allow('lambda:*'), { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' });
    expect((await evaluate(request('lambda:GetFunction', { identityPolicies: [identity] }))).verdict).toBe('ExplicitlyDenied');
  });

  it('a boundary that grants only other actions still denies', async () => {
    const result = await evaluate(request('lambda:GetFunction', { identityPolicies: [policy(allow('lambda:*'))], permissionBoundaries: [policy(allow('iam:PassRole'), allow('ec2:*'))] }));
    expect(result).toEqual({ verdict: 'ImplicitlyDenied', blockedBy: ['pb'] });
  });

  it('an identity policy without a statement for the action does not allow it', async () => {
    expect((await evaluate(request('lambda:GetFunction', { identityPolicies: [policy(allow('lambda:ListFunctions'))] }))).verdict).toBe('ImplicitlyDenied');
  });

  it('a policy with an invalid statement for another action is rejected', async () => {
    const identity = policy(allow('lambda:GetFunction'), { Effect: 'Permit', Action: 'iam:PassRole', Resource: '*' });
    await expect(evaluate(request('lambda:GetFunction', { identityPolicies: [identity] }))).rejects.toThrow(/the evaluator rejected the request/);
  });

  it('a policy changed after a request is evaluated as changed', async () => {
    const identity = policy(allow('lambda:GetFunction'));
    expect((await evaluate(request('lambda:GetFunction', { identityPolicies: [identity] }))).verdict).toBe('Allowed');
    identity.Statement.push({ Effect: 'Deny', Action: 'lambda:GetFunction', Resource: '*' });
    expect((await evaluate(request('lambda:GetFunction', { identityPolicies: [identity] }))).verdict).toBe('ExplicitlyDenied');
  });
});
