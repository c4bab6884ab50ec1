export { describeStore } from './store/describe-store.ts';
export { storeRecipe, req, row, type StoreContext, type StoreFactory, type StoreFixture } from './store/fixtures.ts';
export { describeQueue } from './queue/describe-queue.ts';
export { until, sleep, gate, type QueueContext, type QueueFactory, type QueueFixture } from './queue/fixtures.ts';
export { testPostgres, testRedis, type TestServices } from './services/provided.ts';
export { startThrowawayPostgres, postgresBinDir, pgQuery, withDatabase, DEFAULT_TEST_PG_URL, type ThrowawayPostgres } from './services/postgres.ts';
export { startThrowawayRedis, pingRedis, connectRedisOnce, deleteKeysWithPrefix, DEFAULT_TEST_REDIS_URL, type ThrowawayRedis } from './services/redis.ts';
export { describeAppStore } from './app-store/describe-app-store.ts';
export type { AppStoreContext, AppStoreFactory, AppStoreFixture } from './app-store/fixtures.ts';
