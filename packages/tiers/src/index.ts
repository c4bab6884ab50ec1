export { createTierRuntime, type TierRuntime, type TierRuntimeOptions } from './tier-runtime.ts';
