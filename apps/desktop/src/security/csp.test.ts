import { describe, expect, it } from 'vitest';
import { APP_CSP, withAppCsp } from './csp.ts';

describe('the app CSP', () => {
  it('allows only the app\'s own scripts: no inline, no eval, no remote hosts', () => {
    const directives = new Map(APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('replaces any policy a response brought, whatever its header case, and keeps the other headers', () => {
    const out = withAppCsp({ 'content-security-policy': ["script-src *"], 'Content-Security-Policy-Report-Only': 'x', 'Content-Type': 'text/html' });
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [APP_CSP] });
  });
});
