import { Rule } from '../types';
import { fromProblems, notApplicable } from '../result';
import { block, isRecord, parseRef } from '../terraform';

/** Names that announce a secret. */
const SECRET_NAME = /(^|_)(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CLIENT_?SECRET|CREDENTIALS?)($|_)/i;
/** Values that are secrets whatever their name. */
const SECRET_VALUES: { pattern: RegExp; what: string }[] = [
  { pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/, what: 'an AWS access key id' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a PEM private key' },
  // A JWK with a private exponent / key: an inline JWKS must only carry public keys.
  { pattern: /"kty"\s*:[\s\S]*"d"\s*:\s*"/, what: 'a private JWK ("d" member)' },
];
/** A name that looks secret is fine when its value only points at the secret (ARN, parameter name, reference). */
const isPointer = (value: string): boolean =>
  value.startsWith('arn:') || value.startsWith('/') || ['aws_secretsmanager_secret', 'aws_ssm_parameter'].includes(parseRef(value)?.type ?? '');

export const rule: Rule = {
  id: 'LZ-LMB-006',
  severity: 'ERROR',
  invariant: 'Lambda environment variables carry no secrets (no secret-named values, keys or private JWKs).',
  why:
    'Environment variables are readable by anyone with lambda:GetFunctionConfiguration and land in the state ' +
    'file and the synthesized JSON; the authorizer only needs the IdP\'s public keys.',
  checkov: ['CKV_AWS_45'],
  appliesTo: ['aws_lambda_function'],
  check(fn) {
    const variables = block(fn.body, 'environment')?.variables;
    if (!isRecord(variables)) return notApplicable('no environment variables');
    return fromProblems(
      Object.entries(variables).flatMap(([name, raw]) => {
        const value = String(raw);
        return [
          ...(SECRET_NAME.test(name) && !isPointer(value) ? [`${name} is named like a secret and holds its value`] : []),
          ...SECRET_VALUES.filter((s) => s.pattern.test(value)).map((s) => `${name} contains ${s.what}`),
        ];
      }),
    );
  },
};
