/**
 * The app's own origins, shared by the IPC sender check, navigation guards and the CSP installer.
 * An origin here is `scheme://host[:port]`: pages loaded from file:, data:, blob: or about: have no
 * such origin and are never the app's own.
 */

/** `scheme://host[:port]` of a URL, or null when the URL is unparsable or has no host (file:, data:, about:, javascript:). */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol === 'file:' || u.host === '') return null;
  return `${u.protocol}//${u.host}`;
}

/** Decides whether a URL belongs to one of the app's own origins. */
export type OriginCheck = (url: string) => boolean;

/**
 * A check against a fixed list of origins, validated up front: each must be a bare `scheme://host[:port]`
 * (no path, no wildcard, not file:), e.g. `app://studio` or, in development, `http://localhost:5173`.
 */
export function createOriginCheck(allowedOrigins: readonly string[]): OriginCheck {
  if (allowedOrigins.length === 0) throw new Error('createOriginCheck needs at least one app origin');
  const allowed = new Set<string>();
  for (const o of allowedOrigins) {
    const parsed = originOf(o);
    if (parsed === null || parsed !== o.replace(/\/$/, '')) {
      throw new Error(`"${o}" is not a valid app origin: use scheme://host[:port], without a path (file: is never an app origin)`);
    }
    allowed.add(parsed);
  }
  return (url: string) => {
    const o = originOf(url);
    return o !== null && allowed.has(o);
  };
}
