import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import type { TargetPolicy } from '../ssrf/target-policy.ts';

/** What the SSRF guard (TargetGuard) offers beyond checkUrl: resolve-and-check, and the check of the connected peer. */
interface ConnectGuard {
  resolvePermitted(hostname: string): Promise<{ address: string; family: 4 | 6 }>;
  checkConnected(host: string, remoteAddress: string | undefined): void;
}

function connectGuardOf(policy: TargetPolicy | undefined): ConnectGuard | undefined {
  const p = policy as Partial<ConnectGuard> | undefined;
  return p && typeof p.resolvePermitted === 'function' && typeof p.checkConnected === 'function' ? (p as ConnectGuard) : undefined;
}

export interface AttemptResult {
  ok: boolean;
  /** The receiver's HTTP status, null when none came (refused, timed out, connection error). */
  status: number | null;
  durationMs: number;
  /** Why the attempt failed (null on success). Never holds the secret or the body. */
  error: string | null;
}

export interface PostOptions {
  timeoutMs: number;
  /** The SSRF guard in server mode: checked before the attempt and on the connection itself. Absent (desktop): any address. */
  policy?: TargetPolicy | undefined;
  now?: () => number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One delivery attempt: a POST of `body`, success only on a 2xx. Redirects are not followed (a 3xx fails the attempt),
 * only http and https, and with a guard the host is resolved and checked by the guard and the connected peer checked
 * again (a DNS answer that changed since the subscription cannot reach an internal address).
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, opts: PostOptions): Promise<AttemptResult> {
  const now = opts.now ?? Date.now;
  const started = now();
  const fail = (error: string, status: number | null = null): AttemptResult => ({ ok: false, status, durationMs: Math.max(0, now() - started), error });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return fail('the webhook URL is not a valid absolute URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return fail(`"${target.protocol}" URLs are not delivered to; use http or https`);
  const guard = connectGuardOf(opts.policy);
  try {
    await opts.policy?.checkUrl(url);
  } catch (e) {
    return fail((e as Error).message);
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const lookup: LookupFunction | undefined = guard
    ? (hostname, options, callback) => {
        guard.resolvePermitted(hostname).then(
          (a) => (options.all ? (callback as (e: null, all: Array<{ address: string; family: number }>) => void)(null, [a]) : callback(null, a.address, a.family)),
          (e: Error) => callback(e as NodeJS.ErrnoException, '', 0),
        );
      }
    : undefined;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const payload = Buffer.from(body, 'utf8');
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (r: AttemptResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = send(target, {
      method: 'POST',
      agent: false,
      lookup,
      headers: { 'content-type': 'application/json', 'content-length': String(payload.length), 'user-agent': 'Scrapifie-Webhooks/1', ...headers },
    });
    const timer = setTimeout(() => {
      finish(fail(`no answer within ${opts.timeoutMs % 1000 === 0 ? `${opts.timeoutMs / 1000} s` : `${opts.timeoutMs} ms`}`));
      req.destroy();
    }, opts.timeoutMs);
    req.on('socket', (socket: Socket) => {
      if (!guard) return;
      socket.once('connect', () => {
        try {
          guard.checkConnected(host, socket.remoteAddress);
        } catch (e) {
          finish(fail((e as Error).message));
          req.destroy();
        }
      });
    });
    req.on('error', (e) => finish(fail(`connection failed: ${e.message}`)));
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) res.destroy();
      });
      const done = (): void => {
        if (status >= 200 && status < 300) finish({ ok: true, status, durationMs: Math.max(0, now() - started), error: null });
        else if (status >= 300 && status < 400) finish(fail(`HTTP ${status}: redirects are not followed (the webhook URL must answer 2xx itself)`, status));
        else finish(fail(`HTTP ${status}: the receiver did not answer 2xx`, status));
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.end(payload);
  });
}
