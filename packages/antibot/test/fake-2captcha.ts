import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Keys the fake service knows, and how it treats each. */
export const KEYS = {
  good: '0f3a9c2be71d4a5c8e6b1f0a2d3c4b5e',
  zeroBalance: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  noSlot: '1a1a1a1a2b2b2b2b3c3c3c3c4d4d4d4d',
  serverError: '5f5f5f5f6e6e6e6e7d7d7d7d8c8c8c8c',
} as const;
/** Site keys that steer a task's fate. */
export const NEVER_READY_SITEKEY = '6LcNeverReadyFixtureKeyXXXXXXXXXXXXXXXXXXXX';
export const UNSOLVABLE_SITEKEY = '6LcUnsolvableFixtureKeyYYYYYYYYYYYYYYYYYYYY';

export interface LoggedCall {
  method: string;
  path: string;
  params: Record<string, string>;
}

export interface Fake2Captcha {
  url: string;
  calls: LoggedCall[];
  close(): Promise<void>;
}

interface Task {
  params: Record<string, string>;
  polls: number;
}

const REQUIRED: Record<string, string[]> = { userrecaptcha: ['googlekey', 'pageurl'], hcaptcha: ['sitekey', 'pageurl'], turnstile: ['sitekey', 'pageurl'] };

/** A tiny 2Captcha-compatible service: in.php takes tasks, res.php answers CAPCHA_NOT_READY twice, then the token. */
export async function startFake2Captcha(opts: { notReadyPolls?: number } = {}): Promise<Fake2Captcha> {
  const notReady = opts.notReadyPolls ?? 2;
  const calls: LoggedCall[] = [];
  const tasks = new Map<string, Task>();
  let nextId = 7_300_000_001;

  const reply = (res: ServerResponse, status: 0 | 1, request: string, extra: Record<string, unknown> = {}): void => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status, request, ...extra }));
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = Object.fromEntries(req.method === 'POST' ? new URLSearchParams(body) : url.searchParams);
    calls.push({ method: req.method ?? '', path: url.pathname, params });
    const key = params.key ?? '';
    if (key === KEYS.serverError) return void res.writeHead(502).end('<html>bad gateway</html>');
    if (!/^[0-9a-f]{32}$/.test(key)) return reply(res, 0, 'ERROR_WRONG_USER_KEY');
    if (!Object.values(KEYS).includes(key as never)) return reply(res, 0, 'ERROR_KEY_DOES_NOT_EXIST');
    if (params.json !== '1') return void res.writeHead(200).end('OK|plain-text-answers-are-not-expected');

    if (url.pathname === '/in.php' && req.method === 'POST') {
      if (key === KEYS.zeroBalance) return reply(res, 0, 'ERROR_ZERO_BALANCE');
      if (key === KEYS.noSlot) return reply(res, 0, 'ERROR_NO_SLOT_AVAILABLE');
      const required = REQUIRED[params.method ?? ''];
      if (!required) return reply(res, 0, 'ERROR_BAD_PARAMETERS');
      if (required.some((p) => !params[p])) return reply(res, 0, params.method === 'userrecaptcha' ? 'ERROR_GOOGLEKEY' : 'ERROR_BAD_PARAMETERS');
      const id = String(nextId++);
      tasks.set(id, { params, polls: 0 });
      return reply(res, 1, id);
    }
    if (url.pathname === '/res.php' && req.method === 'GET') {
      const task = tasks.get(params.id ?? '');
      if (!task) return reply(res, 0, 'ERROR_WRONG_CAPTCHA_ID');
      if (params.action === 'reportbad') return reply(res, 1, 'OK_REPORT_RECORDED');
      if (params.action !== 'get') return reply(res, 0, 'ERROR_BAD_PARAMETERS');
      const siteKey = task.params.googlekey ?? task.params.sitekey ?? '';
      task.polls++;
      if (siteKey === NEVER_READY_SITEKEY || task.polls <= notReady) return reply(res, 0, 'CAPCHA_NOT_READY');
      if (siteKey === UNSOLVABLE_SITEKEY) return reply(res, 0, 'ERROR_CAPTCHA_UNSOLVABLE');
      return reply(res, 1, `token-${task.params.method}-${params.id}`, { price: '0.00299' });
    }
    res.writeHead(404).end('not found');
  };

  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
