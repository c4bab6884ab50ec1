import { createWebhookDispatcher, ensureLocalWorkspace, SecretCipher, type ApiServices, type RunLauncher } from '@scrapifie/api';
import type { Logger } from '@scrapifie/engine';
import { openSqliteAppStore, openSqliteQueue } from '@scrapifie/store-sqlite';

/** Where the desktop keeps its workspace's library, credentials, schedules and webhooks, next to the crawl database. */
export interface LocalWorkspaceFiles {
  /** The application database (recipes library, credentials, schedules, webhooks, keys). */
  appDbPath: string;
  /** The durable queue of webhook deliveries (retries survive a restart). */
  queuePath: string;
  /** Encrypts credentials and webhook secrets (32 bytes; the desktop keeps it encrypted by the OS keychain). */
  masterKey: Buffer;
}

export interface LocalWorkspace {
  services: Required<Pick<ApiServices, 'app' | 'localWorkspaceId' | 'secrets' | 'webhooks'>>;
  close(): Promise<void>;
}

/**
 * The desktop's single-user workspace: the same AppStore, cipher and webhook dispatcher the server uses, on SQLite
 * files in the user-data folder, with the local user as owner (no sign-in on the desktop).
 */
export async function openLocalWorkspace(files: LocalWorkspaceFiles, launcher: RunLauncher, logger: Logger): Promise<LocalWorkspace> {
  const app = openSqliteAppStore(files.appDbPath);
  try {
    const localWorkspaceId = await ensureLocalWorkspace(app);
    const secrets = new SecretCipher(files.masterKey);
    const queue = openSqliteQueue(files.queuePath, { logger });
    // No SSRF policy: the desktop may deliver webhooks to the user's own machine.
    const webhooks = createWebhookDispatcher({ app, queue, cipher: secrets, launcher, logger }).start();
    return {
      services: { app, localWorkspaceId, secrets, webhooks },
      async close() {
        await webhooks.close();
        await queue.close();
        await app.close();
      },
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}
