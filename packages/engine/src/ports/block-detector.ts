/** A response as the block detector sees it: the body decoded to text. */
export interface BlockCheckInput {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
  url: string;
}

/** What the detector concluded. `kind` names the wall (e.g. "cloudflare", "recaptcha", "rate-limit", "js-shell", "generic"). */
export interface BlockCheckVerdict {
  blocked: boolean;
  kind?: string | undefined;
  /** What gave it away, for the run's log and error message. */
  reason?: string | undefined;
  /** From Retry-After, when the wall names a time. */
  retryAfterMs?: number | undefined;
}

/**
 * The port fetch mode "auto" uses to tell a bot wall (challenge page, CAPTCHA gate, 403/429/503 with vendor markers)
 * or a JavaScript-only shell from the page asked for. @scrapifie/antibot's `detectBlock` is one.
 * Kinds the engine acts on: "js-shell" (render the page), "rate-limit" and "generic" (an IP-level block: a stronger
 * proxy tier helps most); anything else is a challenge that a stronger fetch tier gets past.
 */
export type BlockDetector = (input: BlockCheckInput) => BlockCheckVerdict;
