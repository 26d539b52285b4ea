import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GuardrailViolationError, enforceGuardrails } from '../../analysis/guardrails';
import { readSynthesizedStacks } from '../../analysis/synthesized';
import { NETWORK, SERVICE, example, first, presignPolicy, writeOutdir } from './support';

/** The example with the Studio-rule exception recorded (as the simulated corporate network records it). */
function clean() {
  const stacks = example();
  const studioRule = first(stacks[NETWORK], 'aws_route53_resolver_rule', (b) => String(b.domain_name).startsWith('studio.'));
  const comment = studioRule.body['//'] as { guardrail_suppressions?: Record<string, string> };
  comment.guardrail_suppressions = { ...comment.guardrail_suppressions, 'LZ-DNS-003': 'the simulated corporate DNS forwards Studio names' };
  return stacks;
}

describe('enforceGuardrails', () => {
  it('reads every stacks/*/cdk.tf.json of an output directory', () => {
    const dir = writeOutdir(example());
    expect(Object.keys(readSynthesizedStacks(dir)).sort()).toEqual(['example-eu-west-1-network', 'example-eu-west-1-network-link-analytics', 'example-eu-west-1-service-analytics']);
  });

  it('passes a clean output without warnings', () => {
    const warnings: string[] = [];
    const findings = enforceGuardrails(writeOutdir(clean()), { warn: (line) => warnings.push(line) });
    expect(findings.length).toBeGreaterThan(100);
    expect(warnings).toEqual([]);
  });

  it('reports a WARNING without failing', () => {
    const stacks = clean();
    const gateway = Object.values(stacks[SERVICE].resource!.aws_vpc_endpoint).find((e) => e.vpc_endpoint_type === 'Gateway')!;
    delete gateway.policy;
    const warnings: string[] = [];
    expect(() => enforceGuardrails(writeOutdir(stacks), { warn: (line) => warnings.push(line) })).not.toThrow();
    expect(warnings.join('\n')).toMatch(/LZ-VPCE-002 \[WARNING\]/);
  });

  it('throws one error listing ALL violations with rule, stack, address and reason', () => {
    const stacks = clean();
    first(stacks[SERVICE], 'aws_dynamodb_table').body.deletion_protection_enabled = false;
    presignPolicy(stacks).body.policy = '${jsonencode({})}';
    const run = () => enforceGuardrails(writeOutdir(stacks), { warn: () => undefined });
    expect(run).toThrow(GuardrailViolationError);
    try {
      run();
    } catch (error) {
      const violation = error as GuardrailViolationError;
      expect(violation.violations.map((v) => v.ruleId)).toEqual(expect.arrayContaining(['LZ-DDB-003', 'LZ-IAM-005', 'LZ-IAM-004']));
      expect(violation.message).toMatch(/LZ-DDB-003 \[ERROR\] example-eu-west-1-service-analytics aws_dynamodb_table\.\S+ \(example-eu-west-1-service-analytics\/mapping-table\/table\): deletion_protection_enabled is not true/);
    }
  });

  it('says what is wrong with a directory that is not synthesized output', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'not-synth-'));
    expect(() => enforceGuardrails(empty)).toThrow(/stacks does not exist/);
  });
});
