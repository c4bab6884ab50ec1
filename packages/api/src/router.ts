import { apiKeysRouter } from './routers/api-keys.ts';
import { credentialsRouter } from './routers/credentials.ts';
import { proxiesRouter } from './routers/proxies.ts';
import { schedulesRouter } from './routers/schedules.ts';
import { authRouter } from './routers/auth.ts';
import { designerRouter } from './routers/designer.ts';
import { membersRouter } from './routers/members.ts';
import { recipesRouter } from './routers/recipes.ts';
import { resultsRouter } from './routers/results.ts';
import { runsRouter } from './routers/runs.ts';
import { scrapeRouter } from './routers/scrape.ts';
import { usageRouter } from './routers/usage.ts';
import { webhooksRouter } from './routers/webhooks.ts';
import { workspacesRouter } from './routers/workspaces.ts';
import { router } from './trpc.ts';

/** The one router: the desktop (IPC), the web studio (HTTP + SSE) and the REST API (/api/v1) all serve it. */
export const appRouter = router({
  recipes: recipesRouter,
  runs: runsRouter,
  results: resultsRouter,
  scrape: scrapeRouter,
  usage: usageRouter,
  designer: designerRouter,
  auth: authRouter,
  workspaces: workspacesRouter,
  members: membersRouter,
  apiKeys: apiKeysRouter,
  credentials: credentialsRouter,
  proxies: proxiesRouter,
  schedules: schedulesRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
