import { withQuietStackTraces } from '../../modules/shared/quiet-stack-traces';

it('skips explicit stack captures inside, and restores both hooks after', () => {
  const captureBefore = Error.captureStackTrace;
  const formatBefore = Error.prepareStackTrace;
  const holder: { stack?: string } = {};
  withQuietStackTraces(() => Error.captureStackTrace(holder));
  expect(holder.stack).toBeUndefined();
  expect(Error.captureStackTrace).toBe(captureBefore);
  expect(Error.prepareStackTrace).toBe(formatBefore);
});

it('leaves errors thrown inside with their full stack', () => {
  function failDeep(): never {
    throw new Error('boom');
  }
  let caught: Error | undefined;
  try {
    withQuietStackTraces(failDeep);
  } catch (error) {
    caught = error as Error;
  }
  expect(caught?.stack).toMatch(/boom\n\s+at failDeep/);
});
