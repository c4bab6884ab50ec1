import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { main } from '../../src/cli/main.ts';

function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  let out = '';
  const stream = { write: (c: string) => ((out += c), true) } as unknown as NodeJS.WritableStream;
  return { stream, text: () => out };
}

describe('cluster configuration', () => {
  it('names the bad variable', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadConfig({ SCRAPIFIE_BATCH_SIZE: '5000' })).toThrow(/SCRAPIFIE_BATCH_SIZE/);
    expect(() => loadConfig({ SCRAPIFIE_ALLOW_UNSAFE: 'maybe' })).toThrow(/SCRAPIFIE_ALLOW_UNSAFE/);
    expect(loadConfig({ SCRAPIFIE_ALLOW_UNSAFE: '1', SCRAPIFIE_LANES: '8' }).cluster).toMatchObject({ allowUnsafe: true, lanes: 8, batchSize: 1000 });
  });

  it('refuses to start a worker without Postgres and Redis, saying which is missing', async () => {
    const env = { ...process.env };
    delete process.env.DATABASE_URL;
    delete process.env.REDIS_URL;
    const err = capture();
    try {
      expect(await main(['worker'], { stdout: capture().stream, stderr: err.stream } as unknown as Parameters<typeof main>[1])).toBe(2);
    } finally {
      Object.assign(process.env, env);
    }
    expect(err.text()).toMatch(/set DATABASE_URL and REDIS_URL/);
  });

  it('rejects an unknown queue name', async () => {
    const err = capture();
    const code = await main(['worker', '--queues', 'scrape:ftp'], { stdout: capture().stream, stderr: err.stream } as unknown as Parameters<typeof main>[1]);
    expect(code).toBe(2);
    expect(err.text()).toMatch(/Unknown queue "scrape:ftp"/);
  });
});
