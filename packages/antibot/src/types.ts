export const BLOCK_KINDS = [
  'cloudflare', 'akamai', 'perimeterx', 'datadome', 'recaptcha', 'hcaptcha', 'turnstile', 'rate-limit', 'js-shell', 'generic',
] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export const CAPTCHA_TYPES = ['recaptcha-v2', 'recaptcha-v3', 'hcaptcha', 'turnstile'] as const;
export type CaptchaType = (typeof CAPTCHA_TYPES)[number];

export interface CaptchaInfo {
  type: CaptchaType;
  siteKey?: string;
  /** reCAPTCHA v3 action, when the page names one. */
  action?: string;
}

export interface DetectBlockInput {
  status: number;
  /** Response headers; names in any case. Repeated headers may be joined with ", " or given as an array. */
  headers: Record<string, string | string[] | undefined>;
  /** The decoded body (HTML or text). */
  body: string;
  url: string;
}

export interface BlockVerdict {
  blocked: boolean;
  kind?: BlockKind;
  /** What gave it away, for logs and the run's error message. */
  reason?: string;
  captcha?: CaptchaInfo;
  /** From Retry-After, for rate limits. */
  retryAfterMs?: number;
}
