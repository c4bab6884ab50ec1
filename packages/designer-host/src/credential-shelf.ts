import { openCredential, sealCredential, type SecretCipher } from '@scrapifie/api';
import type { AppStore } from '@scrapifie/engine';
import type { CredentialRef, CredentialResolver, CredentialScope } from '@scrapifie/fetch-browser';
import { InvalidInputError } from '@scrapifie/recipe';

/** Where a recorded login's secrets go. Never logs a value. */
export interface CredentialSink {
  /** Stores the fields typed into a login form ("username", "password") under the credential `name`. */
  saveLogin(name: string, fields: Record<string, string>): Promise<'store' | 'memory'>;
}

/** The encrypted credential store: a run's credentials come from the run's workspace. */
export interface CredentialStoreAccess {
  app: AppStore;
  secrets: SecretCipher;
  /**
   * The workspace of the designer's recorded logins and of runs that belong to none: the local one when sign-in is
   * off; null with sign-in on (recorded logins then stay in memory until saved as credentials).
   */
  workspaceId: string | null;
}

/**
 * The credentials of recorded logins (`scrapifie serve`, the desktop app): the designer's recorder saves the typed
 * secrets here and the browser tier resolves the recipes' `credential` references ("shop.password") from here. With the encrypted credential
 * store (see useStore) a login is one credential: its value is the password, its username the user name (the same
 * credential `credentials.create` makes). Without one, they are kept in memory until the server stops.
 */
export class CredentialShelf implements CredentialResolver, CredentialSink {
  readonly #memory = new Map<string, Record<string, string>>();
  #store: CredentialStoreAccess | undefined;

  useStore(store: CredentialStoreAccess): void {
    this.#store = store;
  }

  async saveLogin(name: string, fields: Record<string, string>): Promise<'store' | 'memory'> {
    const s = this.#store;
    if (!s || s.workspaceId === null) {
      this.#memory.set(name, { ...this.#memory.get(name), ...fields });
      return 'memory';
    }
    const value = fields.password ?? fields.username;
    if (value === undefined) throw new InvalidInputError('INVALID_INPUT', `the login typed nothing to keep in credential "${name}"`);
    const sealed = sealCredential(s.secrets, s.workspaceId, { value, username: fields.password !== undefined ? fields.username : undefined });
    const existing = await s.app.getCredentialByName(s.workspaceId, name);
    if (existing) await s.app.updateCredential(s.workspaceId, existing.id, sealed);
    else await s.app.createCredential({ workspaceId: s.workspaceId, name, kind: 'password', ...sealed });
    return 'store';
  }

  async resolve(ref: CredentialRef, scope: CredentialScope = {}): Promise<string> {
    const missing = () => new InvalidInputError('INVALID_INPUT', `no credential "${ref.name}.${ref.field}" on this server: record the login in the designer, or store the credential "${ref.name}"`);
    const s = this.#store;
    // The run's own workspace first (with sign-in on, each workspace has its own credentials), else the default one.
    const workspaceId = s ? ((scope.runId ? await s.app.runWorkspace(scope.runId) : null) ?? s.workspaceId) : null;
    if (s && workspaceId) {
      const found = await s.app.getCredentialByName(workspaceId, ref.name);
      const open = found && (await openCredential(s.app, s.secrets, workspaceId, found.id));
      if (open) {
        const v = ref.field === 'username' ? open.username : ref.field === 'password' || ref.field === 'value' ? open.value : undefined;
        if (v === undefined) throw missing();
        return v;
      }
    }
    // A login recorded in the designer and not (yet) saved to a workspace.
    const v = this.#memory.get(ref.name)?.[ref.field];
    if (v === undefined) throw missing();
    return v;
  }

  /** Names only, never values. */
  toJSON(): string[] {
    return [...this.#memory.keys()];
  }
}
