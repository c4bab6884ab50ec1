import { randomUUID } from 'node:crypto';
import type { AppStore, User, Workspace } from '@scrapifie/engine';

/** What describeAppStore needs from an adapter: a fresh, empty store per test. */
export interface AppStoreFixture {
  store: AppStore;
  /** Another handle on the same database (another pool, another SQLite connection), as another process opens it. */
  connect(): Promise<AppStore>;
  /** Removes what the fixture made (the suite closes the stores itself). */
  cleanup(): Promise<void>;
}

export type AppStoreFactory = () => Promise<AppStoreFixture>;

export interface AppStoreContext {
  fixture: AppStoreFixture;
  store: AppStore;
  /** A user made before each test, owner of `workspace`. */
  owner: User;
  workspace: Workspace;
  /** Stores opened with fixture.connect(), closed after the test. */
  extra: AppStore[];
}

export const HOUR = 3_600_000;
export const at = (ms: number): string => new Date(Date.UTC(2030, 0, 1) + ms).toISOString();

/** A user with a unique e-mail. */
export function newUser(store: AppStore, name = 'user'): Promise<User> {
  return store.createUser({ email: `${name}-${randomUUID().slice(0, 8)}@Example.test`, passwordHash: `$argon2id$fake-${name}` });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
