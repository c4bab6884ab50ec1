export { ClusterExecutor, QueueFullError, type ClusterExecutorOptions, type SubmitRunInput } from './executor.ts';
export { Reconciler, type ReconcilerOptions } from './reconciler.ts';
export { LocalSharedPoliteness } from './local-politeness.ts';
export { politeFetchers } from './polite-fetchers.ts';
export { finalizeRun } from './finalize.ts';
export { MAX_BATCH_REQUESTS, queueForRecipe, laneJobId, type LaneJob } from './run-lanes.ts';
export { abortableSleep } from './sleep.ts';
