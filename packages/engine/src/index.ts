export type { Fetcher, FetchRequest, FetchResponse, RenderHints } from './ports/fetcher.ts';
export { recordingLogger, silentLogger, type Logger, type LogLevel, type LogLine } from './ports/logger.ts';
export { createPinoLogger, REDACTED_KEYS, type PinoLoggerOptions } from './logging/pino-logger.ts';
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
  RunCost,
  RunSummary,
  TierCost,
  StoredRequest,
  StoredResult,
  StoredRun,
} from './ports/store.ts';

export { runCrawl, fetcherFor, recipeHash, type RunCrawlOptions } from './crawl/run-crawl.ts';
export type { BlockCheckInput, BlockCheckVerdict, BlockDetector } from './ports/block-detector.ts';
export type { ProxyFailure, ProxyProvider, ProxySelection, ProxyTier, ProxyUse } from './ports/proxy-provider.ts';
export type { TierDimension, TierMemory, TierMemoryEntry, TierSample } from './ports/tier-memory.ts';
export { InMemoryTierMemory, type InMemoryTierMemoryOptions } from './tiers/memory.ts';
export { FETCH_TIERS, allowedFetchTiers, type Fetchers, type Rung } from './tiers/ladder.ts';
export type { PageEvaluator, EvaluationContext } from './crawl/evaluator.ts';
export { WorkerEvaluatorPool } from './crawl/worker-evaluator.ts';
export { startRequests, type InputRow } from './crawl/start.ts';
export { normalizeUrl, domainKey, originOf } from './crawl/url.ts';
export { requestKey, rowKey, stableStringify, shortHash } from './crawl/keys.ts';
export { retryDelayMs, mayRetry, parseRetryAfter } from './crawl/backoff.ts';
export { TokenBucket, type TokenBucketOptions } from './politeness/token-bucket.ts';
export { DomainBreaker, type BreakerOptions, type BreakerGate } from './politeness/breaker.ts';
export { RobotsCache, ROBOTS_USER_AGENT, type RobotsCacheOptions } from './politeness/robots.ts';
export {
  QUEUE_NAMES,
  MAX_PRIORITY,
  priorityForSize,
  isPermanentJobError,
  backoffDelayMs,
  validateEnqueueOptions,
  assertQueueName,
  type Backoff,
  type ConsumeOptions,
  type Consumer,
  type EnqueueOptions,
  type FailedJob,
  type JobHandler,
  type NewJob,
  type Queue,
  type QueueDepth,
  type QueuedJob,
  type QueueName,
} from './ports/queue.ts';
export type { ClusterStore, Frontier } from './ports/cluster-store.ts';
export type { SharedPoliteness, SharedBreakerState } from './ports/shared-politeness.ts';
export { checkRateLimitRule, gcraStep, type RateLimitDecision, type RateLimiter, type RateLimitRule } from './ports/rate-limiter.ts';
export * from './cluster/index.ts';
export { AppStoreError, WORKSPACE_ROLES, type AppStore } from './ports/app-store.ts';
export type {
  ApiKey,
  Credential,
  CredentialWithSecret,
  Delivery,
  Member,
  NewApiKey,
  NewCredential,
  NewDelivery,
  NewProxyEntry,
  NewRefreshToken,
  NewSchedule,
  NewWebhook,
  ProxyEntry,
  ProxyPatch,
  QuotaRequest,
  QuotaResult,
  RecipeVersion,
  RefreshToken,
  RotateResult,
  Schedule,
  SchedulePatch,
  StoredRecipe,
  UsageDelta,
  UsageQuery,
  UsageTotals,
  User,
  Webhook,
  WebhookSecret,
  Workspace,
  WorkspaceRole,
} from './ports/app-store-types.ts';
