import { readFileSync } from 'node:fs';
import { spawn, type SpawnOptions } from 'node:child_process';

const CLK_TCK = 100; // Linux USER_HZ

export interface ProcStats {
  wallMs: number;
  /** user + system CPU seconds of the process tree's main process. */
  cpuSeconds: number;
  /** Peak resident set size (VmHWM) in MB. */
  peakRssMb: number;
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

function sample(pid: number): { cpuTicks: number; hwmKb: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuTicks, hwmKb };
  } catch {
    return undefined;
  }
}

/** Runs a command to completion, sampling its CPU time and peak RSS from /proc every 50 ms. */
export function runMeasured(cmd: string, args: string[], opts: SpawnOptions & { timeoutMs: number }): Promise<ProcStats> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    let last = { cpuTicks: 0, hwmKb: 0 };
    const timer = setInterval(() => {
      const s = child.pid ? sample(child.pid) : undefined;
      if (s) last = s;
    }, 50);
    const kill = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (e) => {
      clearInterval(timer);
      clearTimeout(kill);
      reject(e);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      clearTimeout(kill);
      resolve({ wallMs: performance.now() - started, cpuSeconds: last.cpuTicks / CLK_TCK, peakRssMb: last.hwmKb / 1024, stdout, stderr, exitCode: code });
    });
  });
}

/** The last line of a child's stdout that parses as JSON (children report their own figures that way). */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n').reverse();
  for (const l of lines) {
    try {
      return JSON.parse(l) as T;
    } catch {
      /* not the report line */
    }
  }
  throw new Error(`no JSON report in the child's output:\n${stdout.slice(-2000)}`);
}
