import { designerRouter } from './routers/designer.ts';
import { recipesRouter } from './routers/recipes.ts';
import { resultsRouter } from './routers/results.ts';
import { runsRouter } from './routers/runs.ts';
import { scrapeRouter } from './routers/scrape.ts';
import { usageRouter } from './routers/usage.ts';
import { router } from './trpc.ts';

/** The one router: the desktop (IPC), the web studio (HTTP + SSE) and the REST API (/api/v1) all serve it. */
export const appRouter = router({
  recipes: recipesRouter,
  runs: runsRouter,
  results: resultsRouter,
  scrape: scrapeRouter,
  usage: usageRouter,
  designer: designerRouter,
});

export type AppRouter = typeof appRouter;
