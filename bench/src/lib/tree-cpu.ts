import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = 100; // Linux USER_HZ

function stat(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** CPU seconds (user + system) used so far by `root` and every process below it (Linux /proc). */
export function treeCpuSeconds(root: number): number {
  const table = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) table.set(Number(name), s);
  }
  let ticks = 0;
  const seen = new Set<number>([root]);
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop() as number;
    ticks += table.get(pid)?.ticks ?? 0;
    for (const [child, s] of table) if (s.ppid === pid && !seen.has(child)) {
      seen.add(child);
      queue.push(child);
    }
  }
  return ticks / CLK_TCK;
}

/** CPU seconds of this Node process so far. */
export function selfCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
