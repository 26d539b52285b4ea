import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';

/** CloudWatch namespace of the EMF metrics both Lambdas emit. */
export const METRICS_NAMESPACE = 'StudioAccess';

interface Observability {
  logger: Logger;
  /** Emits one EMF count right away, optionally with a `reason` dimension. */
  count(metric: string, reason?: string): void;
  /** Tags the following log lines with the invocation's request id. */
  startInvocation(context: Context): void;
}

export function createObservability(serviceName: string): Observability {
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  return {
    logger,
    count(metric, reason) {
      // Published at once, which also clears the reason dimension so it never lands on a later
      // metric, and nothing is lost when an invocation ends by throwing. (singleMetric() would do
      // the same, but builds a new Metrics object per call: ten times the cost.)
      if (reason !== undefined) metrics.addDimension('reason', reason);
      metrics.addMetric(metric, MetricUnit.Count, 1);
      metrics.publishStoredMetrics();
    },
    startInvocation(context) {
      logger.resetKeys();
      logger.addContext(context);
    },
  };
}

/** The parts of an error that are safe to log: never the request or response it may carry. */
export function errorSummary(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const { name, message, code, $metadata } = error as {
    name?: unknown;
    message?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
  };
  return {
    name,
    message,
    code,
    httpStatusCode: $metadata?.httpStatusCode,
    attempts: $metadata?.attempts,
    awsRequestId: $metadata?.requestId,
  };
}
