import { NetworkModel } from '../model';
import { Service } from '../analysis/landscape';
import { MissingHop, Trace } from '../analysis/trace';

export interface FlowContext {
  model: NetworkModel;
  region: string;
}

/** A flow of the issue: proved once for the landing zone, or once per service account. */
export type FlowDefinition = { flow: number; title: string } & (
  | { scope: 'landing-zone'; run(ctx: FlowContext, trace: Trace): void }
  | { scope: 'service'; run(ctx: FlowContext, trace: Trace, service: Service): void }
);

export interface FlowResult {
  flow: number;
  title: string;
  /** `landing zone`, or the service's name. */
  scope: string;
  ok: boolean;
  /** What was proved, in order; for a failure, the hops before the missing one. */
  hops: string[];
  /** The first hop that could not be proved. */
  missing?: string;
  /** What the flow takes for granted because the output cannot tell. */
  assumptions: string[];
}

/** Runs one flow; a missing hop is its FAIL, any other error is a bug and propagates. */
export function runFlow(definition: FlowDefinition, scope: string, body: (trace: Trace) => void): FlowResult {
  const trace = new Trace();
  const base = { flow: definition.flow, title: definition.title, scope };
  try {
    body(trace);
    return { ...base, ok: true, hops: trace.hops, assumptions: trace.assumptions };
  } catch (error) {
    if (!(error instanceof MissingHop)) throw error;
    return { ...base, ok: false, hops: trace.hops, missing: error.message, assumptions: trace.assumptions };
  }
}
