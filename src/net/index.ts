// The app's one HTTP client and its error type.
export { createApiClient, DEFAULT_TIMEOUT_MS, type ApiClient, type ApiClientOptions, type FetchLike, type RawInit } from './client';
export { errorMessage, MESSAGES, RequestError, toRequestError, type Issue, type Messages, type RequestErrorKind } from './errors';
export { parseRetryAfter } from './retry-after';
