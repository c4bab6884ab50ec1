import { CaptchaSolverError } from './solver.ts';

interface ErrorRule {
  code: 'INVALID_INPUT' | 'TIER_UNAVAILABLE' | 'RATE_LIMITED' | 'BLOCKED' | 'NOT_FOUND' | 'INTERNAL';
  retryable: boolean;
  explain: string;
  retryAfterMs?: number;
}

const KEY = { code: 'INVALID_INPUT', retryable: false, explain: 'the service rejected the API key: check the solver apiKey setting' } as const;

/** What the 2Captcha-compatible API's error codes mean to us. Unknown codes are not retried. */
const RULES: Record<string, ErrorRule> = {
  ERROR_WRONG_USER_KEY: KEY,
  ERROR_KEY_DOES_NOT_EXIST: KEY,
  ERROR_ZERO_BALANCE: { code: 'TIER_UNAVAILABLE', retryable: false, explain: 'the solver account has no balance left: top it up' },
  ERROR_NO_SLOT_AVAILABLE: { code: 'RATE_LIMITED', retryable: true, explain: 'the service has no free worker right now', retryAfterMs: 5000 },
  ERROR_CAPTCHA_UNSOLVABLE: { code: 'BLOCKED', retryable: true, explain: 'the service could not solve this CAPTCHA' },
  ERROR_IP_NOT_ALLOWED: { code: 'TIER_UNAVAILABLE', retryable: false, explain: 'this machine\'s IP address is not on the account\'s allowed list' },
  IP_BANNED: { code: 'TIER_UNAVAILABLE', retryable: false, explain: 'the service has banned this IP address after too many bad requests' },
  ERROR_ACCOUNT_SUSPENDED: { code: 'TIER_UNAVAILABLE', retryable: false, explain: 'the solver account is suspended' },
  ERROR_WRONG_GOOGLEKEY: { code: 'INVALID_INPUT', retryable: false, explain: 'the sitekey was rejected' },
  ERROR_GOOGLEKEY: { code: 'INVALID_INPUT', retryable: false, explain: 'the sitekey was rejected' },
  ERROR_SITEKEY: { code: 'INVALID_INPUT', retryable: false, explain: 'the sitekey was rejected' },
  ERROR_PAGEURL: { code: 'INVALID_INPUT', retryable: false, explain: 'the page URL was rejected' },
  ERROR_BAD_PARAMETERS: { code: 'INVALID_INPUT', retryable: false, explain: 'the service rejected the task parameters' },
  ERROR_WRONG_CAPTCHA_ID: { code: 'NOT_FOUND', retryable: false, explain: 'the service does not know this task' },
  ERROR_WRONG_ID_FORMAT: { code: 'NOT_FOUND', retryable: false, explain: 'the service does not know this task' },
  ERROR_TOKEN_EXPIRED: { code: 'BLOCKED', retryable: true, explain: 'the task expired before it was solved' },
};

/** Maps a service error code to a CaptchaSolverError; the message names the code, never the key. */
export function serviceError(serviceName: string, serviceCode: string, during: string): CaptchaSolverError {
  const safeCode = /^[A-Z0-9_]{1,60}$/.test(serviceCode) ? serviceCode : 'an unreadable error';
  const rule = RULES[safeCode] ?? { code: 'INTERNAL', retryable: false, explain: 'unexpected answer from the service' };
  return new CaptchaSolverError(rule.code, `${serviceName} ${during}: ${rule.explain} (${safeCode})`, {
    retryable: rule.retryable, serviceCode: safeCode, ...(rule.retryAfterMs !== undefined ? { retryAfterMs: rule.retryAfterMs } : {}),
  });
}
