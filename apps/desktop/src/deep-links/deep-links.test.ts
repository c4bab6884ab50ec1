/** Deep links and the single-instance lock; Electron's `app` is faked (its binary cannot run on this machine). */
import { EventEmitter } from 'node:events';
import { InvalidInputError } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../test/recording-logger.ts';
import { deepLinkInArgv, parseDeepLink, type DeepLink } from './deep-link.ts';
import { claimSingleInstance, type SingleInstanceApp } from './single-instance.ts';

describe('parseDeepLink', () => {
  it('reads a recipe link', () => {
    expect(parseDeepLink('scrapifie://recipe/r_01HZX-abc')).toEqual({ kind: 'recipe', recipeId: 'r_01HZX-abc' });
    expect(parseDeepLink('scrapifie://recipe/abc/')).toEqual({ kind: 'recipe', recipeId: 'abc' });
    expect(parseDeepLink('SCRAPIFIE://recipe/abc')).toEqual({ kind: 'recipe', recipeId: 'abc' });
  });

  for (const [link, why] of [
    ['', /empty/],
    ['recipe/abc', /not a URL/],
    ['https://recipe/abc', /scheme/],
    ['scrapifie://run/abc', /"run" is not something/],
    ['scrapifie://recipe/', /exactly one recipe/],
    ['scrapifie://recipe/a/b', /exactly one recipe/],
    ['scrapifie://recipe/..%2f..%2fetc', /letters, digits/],
    ['scrapifie://recipe/abc?import=https://evil.example', /query/],
    ['scrapifie://recipe/abc#x', /query or fragment/],
    ['scrapifie://user:pw@recipe/abc', /user name/],
    ['scrapifie://recipe/<script>', /letters, digits/],
    ['scrapifie://recipe/../../x', /dot segments/],
    ['scrapifie://recipe/./abc', /dot segments/],
    [`scrapifie://recipe/${'a'.repeat(129)}`, /up to 128/],
    [`scrapifie://recipe/${'a'.repeat(600)}`, /longer than/],
  ] as const) {
    it(`refuses ${link.slice(0, 50) || '(empty)'}`, () => {
      let err: unknown;
      try {
        parseDeepLink(link);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as Error).message).toMatch(why);
    });
  }

  it('finds the link among command-line arguments', () => {
    expect(deepLinkInArgv(['/opt/Scrapifie/scrapifie', '--no-sandbox', 'scrapifie://recipe/abc'])).toBe('scrapifie://recipe/abc');
    expect(deepLinkInArgv(['/opt/Scrapifie/scrapifie'])).toBeUndefined();
  });
});

function fakeApp(lock: boolean) {
  const emitter = new EventEmitter();
  let quit = 0;
  const app: SingleInstanceApp = {
    requestSingleInstanceLock: () => lock,
    quit: () => void quit++,
    on: (event: string, listener: (...args: never[]) => void) => emitter.on(event, listener as (...args: unknown[]) => void),
  } as SingleInstanceApp;
  return { app, emitter, quits: () => quit };
}

describe('claimSingleInstance', () => {
  it('quits a second instance', () => {
    const f = fakeApp(false);
    const links: DeepLink[] = [];
    expect(claimSingleInstance(f.app, { argv: ['x', 'scrapifie://recipe/a'], focus: () => {}, onDeepLink: (l) => links.push(l), logger: recordingLogger() })).toBe(false);
    expect(f.quits()).toBe(1);
    expect(links).toEqual([]);
  });

  it('opens the link of its own start, of a second start (argv) and of macOS open-url, focusing the window', () => {
    const f = fakeApp(true);
    const links: DeepLink[] = [];
    let focused = 0;
    const ok = claimSingleInstance(f.app, { argv: ['app', 'scrapifie://recipe/first'], focus: () => void focused++, onDeepLink: (l) => links.push(l), logger: recordingLogger() });
    expect(ok).toBe(true);
    f.emitter.emit('second-instance', {}, ['app', '--flag', 'scrapifie://recipe/second'], '/home');
    let prevented = false;
    f.emitter.emit('open-url', { preventDefault: () => void (prevented = true) }, 'scrapifie://recipe/third');
    expect(links.map((l) => l.recipeId)).toEqual(['first', 'second', 'third']);
    expect(focused).toBe(2);
    expect(prevented).toBe(true);
  });

  it('ignores an invalid link (logged), yet still brings the window forward', () => {
    const f = fakeApp(true);
    const links: DeepLink[] = [];
    let focused = 0;
    const logger = recordingLogger();
    claimSingleInstance(f.app, { argv: ['app'], focus: () => void focused++, onDeepLink: (l) => links.push(l), logger });
    f.emitter.emit('second-instance', {}, ['app', 'scrapifie://recipe/../../x'], '/');
    expect(links).toEqual([]);
    expect(focused).toBe(1);
    expect(logger.lines.some((l) => l.level === 'warn' && /invalid deep link/.test(l.msg))).toBe(true);
  });
});
