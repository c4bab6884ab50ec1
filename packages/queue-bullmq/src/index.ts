export { BullmqQueue, type BullmqQueueOptions } from './bullmq-queue.ts';
export { openBullmqQueue, type OpenBullmqQueueOptions } from './open.ts';
export { checkRedisSafety, UnsafeRedisError } from './safety.ts';
export { bullQueueName } from './names.ts';
export { RedisSharedPoliteness, type RedisSharedPolitenessOptions } from './shared-politeness.ts';
export { RedisRateLimiter, type RedisRateLimiterOptions } from './rate-limiter.ts';
