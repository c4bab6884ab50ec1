import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/recording-logger.ts';
import { checkExternalUrl, openExternalSafely } from './external-links.ts';

describe('external links', () => {
  it('lets http and https links with a host go to the browser', () => {
    expect(checkExternalUrl('https://docs.scrapifie.dev/recipes#fields')).toEqual({ ok: true, url: 'https://docs.scrapifie.dev/recipes#fields' });
    expect(checkExternalUrl('http://127.0.0.1:8787/list/1').ok).toBe(true);
  });

  for (const url of [
    'file:///etc/passwd',
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vscode://file/etc/passwd',
    'ms-msdt:/id PCWDiagnostic',
    'smb://server/share',
    'scrapifie://recipe/abc',
    'app://studio/index.html',
    'https://user:secret@example.com/',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(3000)}`,
  ]) {
    it(`refuses ${url.slice(0, 40) || '(empty)'}`, () => {
      const r = checkExternalUrl(url);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
    });
  }

  it('opens an allowed link through shell.openExternal and a refused one never reaches it, logging no secret', async () => {
    // shell is faked: Electron's binary cannot run on this machine.
    const opened: string[] = [];
    const shell = { openExternal: async (u: string) => void opened.push(u) };
    const logger = recordingLogger();
    expect(await openExternalSafely(shell, 'https://example.com/a?b=1', logger)).toBe(true);
    expect(await openExternalSafely(shell, 'file:///home/me/.ssh/id_rsa', logger)).toBe(false);
    expect(await openExternalSafely(shell, 'https://bob:hunter2@example.com/', logger)).toBe(false);
    expect(opened).toEqual(['https://example.com/a?b=1']);
    expect(logger.text()).not.toContain('hunter2');
    expect(logger.text()).not.toContain('id_rsa');
  });

  it('reports a browser that could not be started instead of throwing', async () => {
    const shell = { openExternal: async () => Promise.reject(new Error('no browser')) };
    const logger = recordingLogger();
    expect(await openExternalSafely(shell, 'https://example.com/', logger)).toBe(false);
    expect(logger.lines.some((l) => l.level === 'warn' && l.fields.error === 'no browser')).toBe(true);
  });
});
