/**
 * The Content-Security-Policy of the app's own pages: only the app's own scripts, styles and fonts;
 * images also from data:/blob: (page screenshots and screencast frames); no network beyond the app's
 * origin (the renderer reaches the main process over IPC, not HTTP); no plugins, frames or forms.
 */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type ResponseHeaders = Record<string, string[] | string>;

/** The headers with the app's CSP in place of any the response brought (matched case-insensitively). */
export function withAppCsp(headers: ResponseHeaders | undefined, csp: string = APP_CSP): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
