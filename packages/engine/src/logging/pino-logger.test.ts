import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPinoLogger } from './pino-logger.ts';

function capture(): { lines: () => Array<Record<string, unknown>>; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the apps\' JSON logger', () => {
  it('writes one JSON line per call with the message and fields, below the level nothing', () => {
    const c = capture();
    const log = createPinoLogger('info', { destination: c.stream, base: { app: 'desktop' } });
    log.debug('hidden');
    log.info('run started', { runId: 'r1' });
    log.child({ requestId: 'q1' }).warn('slow', { ms: 900 });
    expect(c.lines().map((l) => [l.msg, l.app, l.runId ?? l.requestId])).toEqual([
      ['run started', 'desktop', 'r1'],
      ['slow', 'desktop', 'q1'],
    ]);
  });

  it('never writes a secret: passwords, tokens, API keys, cookies, auth headers and procedure inputs are redacted', () => {
    const c = capture();
    const canary = 'canary-Zq81-secret';
    const log = createPinoLogger('debug', { destination: c.stream });
    log.info('login', { password: canary, token: canary, apiKey: canary, input: { key: canary } });
    log.info('fetch', { headers: { authorization: `Bearer ${canary}`, cookie: canary }, req: { cookies: canary, proxyUrl: `http://u:${canary}@p` } });
    log.error('failed', { detail: { secret: canary } });
    const text = c.lines().map((l) => JSON.stringify(l)).join('\n');
    expect(text).not.toContain(canary);
    expect(text.match(/\[redacted\]/g)?.length).toBe(9);
  });
});
