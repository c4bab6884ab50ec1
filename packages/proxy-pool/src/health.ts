/** Probes one proxy URL (e.g. fetches a known page through it); true when the proxy works. */
export type ProxyHealthChecker = (proxyUrl: string, signal: AbortSignal) => Promise<boolean>;

export interface HealthCheckReport {
  checked: number;
  healthy: number;
  /** Ids of proxies that were cooling down or removed and came back. */
  restored: string[];
  /** Ids of proxies whose check failed. */
  failed: string[];
}

/** Runs the checker with a deadline; a throw, a rejection or the deadline count as unhealthy. */
export async function checkWithTimeout(checker: ProxyHealthChecker, url: string, timeoutMs: number): Promise<boolean> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`health check exceeded ${timeoutMs} ms`));
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([checker(url, controller.signal).then((ok) => ok === true, () => false), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `task` over `items`, at most `limit` at a time. */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
