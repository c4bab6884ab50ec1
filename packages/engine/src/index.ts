export type { Fetcher, FetchRequest, FetchResponse } from './ports/fetcher.ts';
export { silentLogger, type Logger, type LogLevel } from './ports/logger.ts';
export { systemClock, type Clock } from './ports/clock.ts';
export type {
  CompleteRequestInput,
  Completion,
  CrawlStore,
  FailRequestInput,
  Inserted,
  InsertBudget,
  NewRequest,
  NewResult,
  NewRun,
  RequestCounts,
  RunSummary,
  StoredRequest,
  StoredResult,
  StoredRun,
} from './ports/store.ts';

export { runCrawl, fetcherFor, recipeHash, type RunCrawlOptions } from './crawl/run-crawl.ts';
export type { PageEvaluator, EvaluationContext } from './crawl/evaluator.ts';
export { WorkerEvaluatorPool } from './crawl/worker-evaluator.ts';
export { startRequests, type InputRow } from './crawl/start.ts';
export { normalizeUrl, domainKey, originOf } from './crawl/url.ts';
export { requestKey, rowKey, stableStringify, shortHash } from './crawl/keys.ts';
export { retryDelayMs, mayRetry, parseRetryAfter } from './crawl/backoff.ts';
export { TokenBucket, type TokenBucketOptions } from './politeness/token-bucket.ts';
export { DomainBreaker, type BreakerOptions, type BreakerGate } from './politeness/breaker.ts';
export { RobotsCache, ROBOTS_USER_AGENT, type RobotsCacheOptions } from './politeness/robots.ts';
