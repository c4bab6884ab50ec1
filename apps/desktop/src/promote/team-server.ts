import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { InvalidInputError } from '@scrapifie/recipe';
import type { SecretBox } from '../secrets/secret-box.ts';

/** The team server recipes are promoted to: its URL and its API key, encrypted with the SecretBox (never written in clear). */
const TeamServerFileSchema = z.strictObject({
  url: z.string(),
  encryptedApiKey: z.string().min(1),
});

export interface TeamServerView {
  url: string;
  /** Whether a key is saved; the key itself never leaves the main process. */
  hasApiKey: boolean;
}

/** The server's base URL: http(s), no credentials, query or fragment; trailing slashes dropped. */
export function normaliseServerUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new InvalidInputError('INVALID_URL', `The team server URL "${raw}" is not an absolute URL (e.g. https://scrapifie.example.com)`, [{ path: 'url', message: 'not an absolute URL' }]);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new InvalidInputError('INVALID_URL', `The team server URL must be http(s), got ${u.protocol}`, [{ path: 'url', message: 'must be http(s)' }]);
  if (u.username || u.password || u.search || u.hash) {
    throw new InvalidInputError('INVALID_URL', 'The team server URL must not hold a user name, password, query or fragment: give the API key separately', [{ path: 'url', message: 'no credentials, query or fragment' }]);
  }
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** Keeps the team server's URL and encrypted API key in a JSON file in the user-data folder. */
export class TeamServerSettings {
  readonly #file: string;
  readonly #secrets: SecretBox;

  constructor(file: string, secrets: SecretBox) {
    this.#file = file;
    this.#secrets = secrets;
  }

  /** Saves the server; the key is encrypted first (SecretStorageUnavailableError when the OS has no keychain: nothing is saved). */
  save(input: { url: string; apiKey: string }): TeamServerView {
    const url = normaliseServerUrl(input.url);
    const apiKey = input.apiKey.trim();
    if (apiKey === '') throw new InvalidInputError('INVALID_INPUT', 'The team server API key is empty', [{ path: 'apiKey', message: 'required' }]);
    const record = { url, encryptedApiKey: this.#secrets.encrypt(apiKey) };
    mkdirSync(dirname(this.#file), { recursive: true });
    const tmp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.#file);
    return { url, hasApiKey: true };
  }

  #read(): z.infer<typeof TeamServerFileSchema> | null {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.#file, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`The team server settings (${this.#file}) are unreadable: ${(e as Error).message}. Save the server again.`);
    }
    const r = TeamServerFileSchema.safeParse(raw);
    if (!r.success) throw new Error(`The team server settings (${this.#file}) are damaged: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}. Save the server again.`);
    return r.data;
  }

  view(): TeamServerView | null {
    const r = this.#read();
    return r ? { url: r.url, hasApiKey: true } : null;
  }

  /** The URL and the decrypted key, for the one call that needs them. */
  credentials(): { url: string; apiKey: string } | null {
    const r = this.#read();
    return r ? { url: r.url, apiKey: this.#secrets.decrypt(r.encryptedApiKey) } : null;
  }
}
