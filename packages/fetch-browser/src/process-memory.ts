import { readdirSync, readFileSync } from 'node:fs';

/**
 * Linux /proc readings for the pool's own Chromium processes: which process a browser is (found by the marker
 * switch it was launched with), its process tree (renderers, GPU and utility processes), and their proportional
 * memory (PSS, where shared pages are split between the processes sharing them). Elsewhere these return nothing.
 */

interface ProcEntry {
  pid: number;
  ppid: number;
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process exited while we looked, or /proc is not there
  }
}

function listPids(): number[] {
  try {
    return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  } catch {
    return [];
  }
}

function parentOf(pid: number): number | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(rest[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

function processTable(): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const pid of listPids()) {
    const ppid = parentOf(pid);
    if (ppid !== undefined) out.push({ pid, ppid });
  }
  return out;
}

/**
 * The browser's main process: the process launched with `marker` on its command line. Chromium's own children
 * (renderers, GPU, utilities) carry a --type switch; a wrapper script that starts the binary without exec carries
 * the marker too, so the deepest process without --type is the browser itself.
 */
export function findBrowserProcess(marker: string): number | undefined {
  const candidates = new Map<number, number | undefined>();
  for (const pid of listPids()) {
    const args = readProc(`/proc/${pid}/cmdline`)?.split('\0');
    if (args?.includes(marker) && !args.some((a) => a.startsWith('--type='))) candidates.set(pid, parentOf(pid));
  }
  const parents = new Set(candidates.values());
  for (const pid of candidates.keys()) if (!parents.has(pid)) return pid;
  return undefined;
}

/** `root` and all its descendants that are alive now. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of processTable()) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const tree: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop() as number;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Sum of the processes' PSS in bytes (from /proc/<pid>/smaps_rollup); processes that are gone count 0. */
export function pssBytes(pids: readonly number[]): number {
  let kb = 0;
  for (const pid of pids) {
    const rollup = readProc(`/proc/${pid}/smaps_rollup`);
    const m = rollup === undefined ? null : /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (m) kb += Number(m[1]);
  }
  return kb * 1024;
}
