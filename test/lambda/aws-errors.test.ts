import { isTransientAwsError } from '../../lambda-src/shared/aws';

/** The classification behind 503 vs 500, for failures the stand-ins cannot produce cheaply. */
describe('isTransientAwsError', () => {
  const sdkError = (name: string, metadata: { httpStatusCode?: number; attempts?: number } = {}, extra: object = {}) =>
    Object.assign(new Error('boom'), { name, $metadata: { attempts: 1, ...metadata }, ...extra });

  it.each([
    ['DynamoDB throttling with the retry quota used up', sdkError('ProvisionedThroughputExceededException', { httpStatusCode: 400 })],
    ['SageMaker throttling', sdkError('ThrottlingException', { httpStatusCode: 400 })],
    ['a per-attempt timeout', sdkError('TimeoutError')],
    ['a refused connection', sdkError('Error', {}, { code: 'ECONNREFUSED' })],
    ['a DNS failure', sdkError('Error', {}, { code: 'ENOTFOUND' })],
    ['a server error', sdkError('InternalServerError', { httpStatusCode: 500 })],
    ['an error the SDK marks retryable', sdkError('LimitExceededException', { httpStatusCode: 400 }, { $retryable: {} })],
    ['any error the SDK retried', sdkError('Error', { attempts: 3 })],
  ])('treats %s as transient', (_case, error) => {
    expect(isTransientAwsError(error)).toBe(true);
  });

  it.each([
    ['a validation error', sdkError('ValidationException', { httpStatusCode: 400 })],
    ['a missing table', sdkError('ResourceNotFoundException', { httpStatusCode: 400 })],
    ['access denied', sdkError('AccessDeniedException', { httpStatusCode: 403 })],
    ['a plain bug', new TypeError('x is undefined')],
    ['a non-object', 'string thrown'],
    ['null', null],
  ])('treats %s as permanent', (_case, error) => {
    expect(isTransientAwsError(error)).toBe(false);
  });
});
