// The app's one HTTP client and its error type.
export { createApiClient, type ApiClient, type ApiClientOptions, type FetchLike, type RotatedToken } from './client';
export { errorMessage, RequestError, toRequestError, type Issue, type Messages } from './errors';
export { parseRetryAfter } from './retry-after';
