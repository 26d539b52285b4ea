/**
 * The vocabulary of the guardrail engine. Rules read synthesized Terraform JSON (through
 * analysis/synthesized), not constructs, so the same rules judge a fresh synth, a directory produced elsewhere, or one edited
 * by hand.
 */

import type { ResourceBody, SynthResource, SynthesizedStack } from '../synthesized';

export type { ResourceBody, SynthResource, SynthesizedStack };

export type Severity = 'ERROR' | 'WARNING';

export type RuleResult =
  | { status: 'compliant'; note?: string }
  /** `severity` lowers (or raises) the rule's own for this finding, e.g. a deadline not yet reached. */
  | { status: 'non-compliant'; reason: string; severity?: Severity }
  /** The resource is of a type the rule reads, but the invariant does not concern it. */
  | { status: 'not-applicable'; reason?: string };

/**
 * Facts about the landing zone that a resource does not carry. Each is optional: the engine derives
 * what is missing from the synthesized stacks (see `context.ts`), so a bare output directory works.
 */
export interface GuardrailContext {
  /** Corporate address ranges: the only clients of inbound resolvers. */
  corporateCidrs?: string[];
  /** Corporate DNS domains: the only names FORWARD rules may capture. */
  corporateDomains?: string[];
  /** Account ids the resolver rules may be shared with. */
  sharePrincipals?: string[];
  /** All accounts are in one AWS Organization (RAM shares must stay internal). */
  inOrganization?: boolean;
  /** `YYYY-MM-DD` that date-bound rules (runtime deprecations) judge by. @default `LANDING_SYNTH_DATE`, else today */
  synthDate?: string;
}

/** What a rule sees besides the resource itself. */
export interface RuleScope {
  stackName: string;
  stack: SynthesizedStack;
  /** Every stack of the output directory, by name: for rules that follow cross-stack wiring. */
  stacks: Readonly<Record<string, SynthesizedStack>>;
  context: GuardrailContext;
  /** Ids of every rule the engine knows: what a suppression may name. */
  ruleIds: ReadonlySet<string>;
}

export interface Rule {
  /** `LZ-<AREA>-<NNN>`; what suppressions name. */
  id: string;
  severity: Severity;
  /** The invariant, one line. */
  invariant: string;
  /** Why the rule exists: the failure it prevents. */
  why: string;
  /** checkov check ids this rule corresponds to. */
  checkov?: string[];
  /** AWS Security Hub (FSBP) control ids this rule corresponds to. */
  securityHub?: string[];
  /** Scanner advice this rule deliberately contradicts (its `why` says why). */
  overrides?: string[];
  /** Resource types the rule reads; `*` for every resource. */
  appliesTo: readonly string[];
  check(resource: SynthResource, scope: RuleScope): RuleResult;
}

export type FindingStatus = 'compliant' | 'non-compliant' | 'suppressed' | 'not-applicable';

export interface Finding {
  ruleId: string;
  severity: Severity;
  stack: string;
  /** Terraform address of the resource. */
  address: string;
  /** Construct path from cdktf metadata, when present (where to put a fix or a suppression). */
  path?: string;
  status: FindingStatus;
  reason?: string;
}
