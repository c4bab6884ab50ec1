export interface Row {
  name: string;
  pages: number;
  items: number;
  seconds: number;
  pagesPerSecond: number;
  cpuSeconds: number;
  peakRssMb: number;
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** Prints the side-by-side table with each peer's speed as a ratio of ours (ours / peer). */
export function printTable(rows: Row[], ours: Row): void {
  const head = `${pad('crawler', 44)}${lpad('pages', 7)}${lpad('items', 9)}${lpad('s', 8)}${lpad('pages/s', 9)}${lpad('CPU s', 8)}${lpad('RSS MB', 8)}${lpad('ours x', 8)}`;
  console.log(`\n${head}\n${'-'.repeat(head.length)}`);
  for (const r of rows) {
    const ratio = r === ours ? '1.00' : (ours.pagesPerSecond / r.pagesPerSecond).toFixed(2);
    console.log(
      `${pad(r.name, 44)}${lpad(String(r.pages), 7)}${lpad(String(r.items), 9)}${lpad(r.seconds.toFixed(1), 8)}${lpad(r.pagesPerSecond.toFixed(0), 9)}${lpad(r.cpuSeconds.toFixed(1), 8)}${lpad(r.peakRssMb.toFixed(0), 8)}${lpad(ratio, 8)}`,
    );
  }
}
