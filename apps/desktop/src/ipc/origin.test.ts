import { describe, expect, it } from 'vitest';
import { createOriginCheck, originOf } from './origin.ts';

describe('app origins', () => {
  it('reads scheme://host[:port] and nothing for pages without a host', () => {
    expect(originOf('app://studio/index.html?x=1')).toBe('app://studio');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
    for (const u of ['file:///etc/passwd', 'data:text/html,x', 'about:blank', 'javascript:alert(1)', 'not a url']) expect(originOf(u), u).toBeNull();
  });

  it('accepts only the listed origins, exactly', () => {
    const isApp = createOriginCheck(['app://studio', 'http://localhost:5173']);
    expect(isApp('app://studio/runs.html')).toBe(true);
    expect(isApp('http://localhost:5173/')).toBe(true);
    for (const u of ['app://studio.evil.example/', 'app://studio:99/', 'https://localhost:5173/', 'http://localhost:5174/', 'http://127.0.0.1:5173/', 'file:///app/index.html']) expect(isApp(u), u).toBe(false);
  });

  it('refuses to be set up with a path, a wildcard, file: or nothing', () => {
    expect(() => createOriginCheck([])).toThrow(/at least one/);
    for (const o of ['app://studio/index.html', '*', 'file://', 'null', 'https://example.com:443']) expect(() => createOriginCheck([o]), o).toThrow(/not a valid app origin/);
  });
});
