import type { Context } from 'aws-lambda';

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * Builds the handler on the first invocation and keeps it for the life of the container (clients,
 * JWKS cache). Building lazily lets the bundle be required without configuration (benchmarks,
 * tooling) and makes a configuration error fail each invocation visibly instead of poisoning init.
 */
export function lazyHandler<E, R>(create: () => LambdaHandler<E, R>): LambdaHandler<E, R> {
  let instance: LambdaHandler<E, R> | undefined;
  return (event, context) => {
    instance ??= create();
    return instance(event, context);
  };
}
