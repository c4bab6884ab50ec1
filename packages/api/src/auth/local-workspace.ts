import { randomBytes } from 'node:crypto';
import type { AppStore } from '@scrapifie/engine';
import { hashPassword } from './passwords.ts';

/** The e-mail of the single local user (authentication off). Nobody can sign in as it; it does not count as a user for sign-up. */
export const LOCAL_USER_EMAIL = 'local@scrapifie.invalid';

/**
 * The local workspace when authentication is off: the local user's first workspace, made (with the user) on the
 * first start. Returns its id, for ApiServices.localWorkspaceId.
 */
export async function ensureLocalWorkspace(app: AppStore, name = 'Local'): Promise<string> {
  let user = await app.getUserByEmail(LOCAL_USER_EMAIL);
  // A random password nobody knows; login refuses this address anyway.
  user ??= await app.createUser({ email: LOCAL_USER_EMAIL, passwordHash: await hashPassword(randomBytes(32).toString('base64url')), name: 'Local user' });
  const [ws] = await app.workspacesOf(user.id);
  return ws?.id ?? (await app.createWorkspace({ name, ownerId: user.id })).id;
}
