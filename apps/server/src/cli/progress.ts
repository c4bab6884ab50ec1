import type { RunEvent, RunProgress } from '@scrapifie/recipe';

function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '--';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function progressLine(p: RunProgress): string {
  return (
    `pages ${p.pagesDone} done, ${p.pagesQueued} queued, ${p.pagesFailed} failed | ` +
    `items ${p.items} | ${p.pagesPerSecond.toFixed(1)} pages/s | ETA ${duration(p.etaMs)}`
  );
}

/** Renders run events: a live, rewritten progress line on a TTY; plain log lines otherwise. */
export function createProgressReporter(stream: NodeJS.WriteStream, opts: { verbose?: boolean } = {}): (e: RunEvent) => void {
  const tty = stream.isTTY === true;
  let lastPlain = 0;
  let lineShown = false;
  const clear = (): void => {
    if (tty && lineShown) stream.write('\r\x1b[2K');
    lineShown = false;
  };
  return (e) => {
    switch (e.type) {
      case 'run.started':
        clear();
        stream.write(`${e.resumed ? 'Resuming' : 'Started'} run ${e.runId} (${e.recipeName}); robots.txt ${e.robotsTxt}\n`);
        break;
      case 'request.failed':
        if (!e.willRetry || opts.verbose) {
          clear();
          stream.write(`${e.willRetry ? 'retrying' : 'failed'} ${e.url}: ${e.code} ${e.message} (attempt ${e.attempt})\n`);
        }
        break;
      case 'progress':
        if (tty) {
          stream.write(`\r\x1b[2K${progressLine(e.progress)}`);
          lineShown = true;
        } else if (Date.now() - lastPlain >= 5000) {
          lastPlain = Date.now();
          stream.write(`${progressLine(e.progress)}\n`);
        }
        break;
      case 'run.finished':
        clear();
        stream.write(`Run ${e.runId} ${e.status}: ${progressLine(e.progress)}\n`);
        break;
      default:
        if (opts.verbose) {
          clear();
          stream.write(`${JSON.stringify(e)}\n`);
        }
    }
  };
}
