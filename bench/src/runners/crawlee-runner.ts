// Child process: crawls the fixture site with Crawlee's CheerioCrawler and reports its own figures as a JSON line.
// argv: <startUrl> <persist|memory> <concurrency> <storageDir>
import { CheerioCrawler, Configuration } from 'crawlee';

const [startUrl, storage, concurrencyArg, storageDir] = process.argv.slice(2);
if (!startUrl || !storage || !concurrencyArg || !storageDir) throw new Error('usage: crawlee-runner <startUrl> <persist|memory> <concurrency> <storageDir>');
const concurrency = Number(concurrencyArg);
const config = new Configuration({ persistStorage: storage === 'persist', storageClientOptions: { localDataDirectory: storageDir }, purgeOnStart: true });
let pages = 0;
let items = 0;
let firstAt = 0;
const crawler = new CheerioCrawler(
  {
    minConcurrency: concurrency,
    maxConcurrency: concurrency,
    maxRequestRetries: 2,
    requestHandlerTimeoutSecs: 30,
    async requestHandler({ $, request, enqueueLinks, pushData }) {
      if (!firstAt) firstAt = performance.now();
      pages++;
      const rows = $('article.product')
        .map((_, el) => {
          const e = $(el);
          const link = e.find('h2 a');
          return {
            title: link.text().trim(),
            price: Number(e.find('.price').first().text().replace(/[^0-9.]/g, '')),
            rating: Number(e.find('.rating').attr('data-rating')),
            category: e.find('.category').first().text().trim(),
            url: new URL(link.attr('href') ?? '', request.loadedUrl ?? request.url).href,
          };
        })
        .get();
      items += rows.length;
      await pushData(rows);
      await enqueueLinks({ selector: 'nav.pagination a' });
    },
  },
  config,
);
const started = performance.now();
await crawler.run([startUrl]);
const wallMs = performance.now() - started;
const ru = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({ pages, items, wallMs, cpuSeconds: (ru.userCPUTime + ru.systemCPUTime) / 1e6, peakRssMb: ru.maxRSS / 1024 })}\n`,
);
process.exit(0);
