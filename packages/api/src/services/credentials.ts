import type { AppStore, Credential } from '@scrapifie/engine';
import type { ApiContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { maskSecret, type SecretCipher } from '../secrets/cipher.ts';

export const CREDENTIAL_PURPOSE = 'credential';

/** What a credential holds once decrypted (the username travels encrypted with the value). */
export interface CredentialSecret {
  value: string;
  username?: string | undefined;
}

/** The cipher, or a clear error when this runtime has no master key. */
export function secretsOf(ctx: ApiContext): SecretCipher {
  const s = ctx.services.secrets;
  if (!s) throw new ApiError('NOT_CONFIGURED', 'This server cannot store credentials: it has no master key (set SCRAPIFIE_MASTER_KEY to 32 random bytes, base64)');
  return s;
}

/** The ciphertext and masked hint of a secret, for the store. */
export function sealCredential(cipher: SecretCipher, workspaceId: string, secret: CredentialSecret): { ciphertext: string; hint: string } {
  const payload = JSON.stringify(secret.username === undefined ? { v: secret.value } : { v: secret.value, u: secret.username });
  return { ciphertext: cipher.encrypt(workspaceId, CREDENTIAL_PURPOSE, payload), hint: maskSecret(secret.value) };
}

/**
 * The decrypted secret of a credential, for the runtime that uses it (a proxy's password, a login). Never returned by
 * a procedure. Null when the workspace has no such credential.
 */
export async function openCredential(app: AppStore, cipher: SecretCipher, workspaceId: string, id: string): Promise<(Credential & CredentialSecret) | null> {
  const found = await app.getCredential(workspaceId, id);
  if (!found) return null;
  const { ciphertext, ...meta } = found;
  const parsed = JSON.parse(cipher.decrypt(workspaceId, CREDENTIAL_PURPOSE, ciphertext)) as { v: string; u?: string };
  return { ...meta, value: parsed.v, username: parsed.u };
}
