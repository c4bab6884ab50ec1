const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'socks5:': '1080', 'socks5h:': '1080', 'socks4:': '1080', 'socks4a:': '1080', 'ftp:': '21', 'ws:': '80', 'wss:': '443' };

/**
 * A proxy URL safe for logs and errors: `scheme://host:port`, never the user name, the password, a path
 * or a query (providers put session and country parameters there). Template placeholders are tolerated.
 */
export function redactProxyUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{(\w+)\}/g, 'x'));
  } catch {
    // Unparseable: keep the scheme and a host:port after the scheme or the last "@"; a lone word may be a password.
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
    const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    const hostPart = rest.slice(rest.lastIndexOf('@') + 1).split(/[/?#]/)[0] ?? '';
    const trusted = (scheme !== undefined || rest.includes('@')) && /^[a-z0-9.-]{1,253}(:\d{1,5})?$/i.test(hostPart);
    const host = trusted ? hostPart : '(invalid proxy url)';
    return `${scheme ? `${scheme.toLowerCase()}://` : ''}${host}`;
  }
  const port = parsed.port || DEFAULT_PORTS[parsed.protocol] || '';
  return `${parsed.protocol}//${parsed.hostname}${port ? `:${port}` : ''}`;
}
