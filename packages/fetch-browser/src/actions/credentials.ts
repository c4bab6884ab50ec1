import { InvalidInputError } from '@scrapifie/recipe';

/** "<name>.<field>" of a recipe's type step, split. */
export interface CredentialRef {
  name: string;
  field: string;
}

export interface CredentialScope {
  runId?: string | undefined;
}

/**
 * The port through which browser steps get secrets (a login's username and password): the recipe names a
 * credential, the runtime's credential store resolves it. Implementations never log the values.
 */
export interface CredentialResolver {
  /**
   * The secret, or an InvalidInputError naming the reference (never a value) when there is none. `scope.runId` is the
   * run the page is fetched for, when the engine says: a multi-workspace store resolves in that run's workspace.
   */
  resolve(ref: CredentialRef, scope?: CredentialScope): Promise<string>;
}

const REF = /^([A-Za-z0-9_-]{1,100})\.([A-Za-z0-9_-]{1,100})$/;

export function parseCredentialRef(ref: string): CredentialRef {
  const m = REF.exec(ref);
  if (!m) throw new InvalidInputError('INVALID_INPUT', `"${ref}" is not a credential reference; write "<name>.<field>", e.g. "shop.password"`);
  return { name: m[1] as string, field: m[2] as string };
}

export function missingCredential(ref: CredentialRef): InvalidInputError {
  return new InvalidInputError('INVALID_INPUT', `no credential "${ref.name}.${ref.field}" in the credential store: add it, or fix the recipe's reference`);
}

/** Credentials held in memory, e.g. { shop: { username: 'demo', password: '…' } } (tests, a CLI's --credentials file). */
export class MemoryCredentialResolver implements CredentialResolver {
  readonly #entries: Map<string, Map<string, string>>;

  constructor(entries: Record<string, Record<string, string>> = {}) {
    this.#entries = new Map(Object.entries(entries).map(([name, fields]) => [name, new Map(Object.entries(fields))]));
  }

  async resolve(ref: CredentialRef): Promise<string> {
    const value = this.#entries.get(ref.name)?.get(ref.field);
    if (value === undefined) throw missingCredential(ref);
    return value;
  }

  /** Never shows the values (util.inspect, JSON). */
  toJSON(): Record<string, string[]> {
    return Object.fromEntries([...this.#entries].map(([name, fields]) => [name, [...fields.keys()]]));
  }
}
