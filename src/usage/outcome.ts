import type { UsageOutcome } from '../model/usage.js';

/** Authorization failures, as services spell them in `errorCode`. EC2 prefixes client errors with `Client.`. */
export const DENIED_ERROR_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'UnauthorizedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'NotAuthorized',
  'NotAuthorizedException',
  'Forbidden',
  'ForbiddenException',
]);

/**
 * The outcome class of a call (PRODUCT.md §3): no error is `used`; an authorization failure is `denied`;
 * any other failure (throttling, validation, not found) is `error`, which still counts as use — the caller
 * had the permission and exercised it.
 */
export function outcomeOf(errorCode: string | null): UsageOutcome {
  if (errorCode === null) return 'used';
  const code = errorCode.startsWith('Client.') ? errorCode.slice('Client.'.length) : errorCode;
  return DENIED_ERROR_CODES.has(code) ? 'denied' : 'error';
}
