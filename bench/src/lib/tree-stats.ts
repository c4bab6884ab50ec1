import { spawn, type SpawnOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processTree, pssBytes } from '@scrapifie/fetch-browser';

export interface TreeStats {
  wallMs: number;
  /** Peak of the process tree's summed RSS (counts memory shared between Chromium's processes many times). */
  peakRssMb: number;
  /** Peak of the process tree's summed PSS (shared pages split between the processes sharing them): the real cost. */
  peakPssMb: number;
  /** Most processes seen in the tree at once. */
  peakProcesses: number;
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // exited while we looked
  }
}

/**
 * Runs a command to completion, sampling the memory of its whole process tree (node and every Chromium process it
 * starts) from /proc every `everyMs` (default 500): summed RSS and summed PSS, keeping the peaks.
 */
export function runTreeMeasured(cmd: string, args: string[], opts: SpawnOptions & { timeoutMs: number; everyMs?: number }): Promise<TreeStats> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    let peakRss = 0;
    let peakPss = 0;
    let peakProcesses = 0;
    const timer = setInterval(() => {
      if (!child.pid) return;
      const pids = processTree(child.pid);
      peakProcesses = Math.max(peakProcesses, pids.length);
      peakRss = Math.max(peakRss, pids.reduce((sum, pid) => sum + rssKb(pid), 0) * 1024);
      peakPss = Math.max(peakPss, pssBytes(pids));
    }, opts.everyMs ?? 500);
    const kill = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    const done = (): void => {
      clearInterval(timer);
      clearTimeout(kill);
    };
    child.on('error', (e) => {
      done();
      reject(e);
    });
    child.on('exit', (code) => {
      done();
      resolve({ wallMs: performance.now() - started, peakRssMb: peakRss / 2 ** 20, peakPssMb: peakPss / 2 ** 20, peakProcesses, stdout, stderr, exitCode: code });
    });
  });
}
