// Child process: the machine's raw loopback GET rate against the fixture site (node:http, keep-alive, bodies read
// and dropped, no parsing). argv: <baseUrl> <requests> <concurrency> <pages>
import http from 'node:http';

const [base, nArg, concArg, pagesArg] = process.argv.slice(2);
if (!base || !nArg || !concArg || !pagesArg) throw new Error('usage: loopback-runner <baseUrl> <requests> <concurrency> <pages>');
const total = Number(nArg);
const pages = Number(pagesArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concArg) });
let next = 0;
let bytes = 0;

function get(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: HTTP ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

async function worker(): Promise<void> {
  while (next < total) {
    const i = next++;
    await get(`${base}/list/${(i % pages) + 1}`);
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: Number(concArg) }, worker));
const wallMs = performance.now() - started;
agent.destroy();
process.stdout.write(`${JSON.stringify({ requests: total, wallMs, perSecond: (total / wallMs) * 1000, mbPerSecond: bytes / 1e6 / (wallMs / 1000) })}\n`);
