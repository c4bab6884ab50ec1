export { createKyselyAppStore } from './app-store.ts';
export type { AppDB } from './schema.ts';
