/** Checks a caller-supplied target URL before any work starts (the SSRF guard in server mode; none on the desktop). */
export interface TargetPolicy {
  /** Resolves when the URL may be fetched; throws an InvalidInputError('INVALID_URL') naming why not. */
  checkUrl(url: string): Promise<void>;
}
