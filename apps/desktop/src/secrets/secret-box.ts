/** Electron's safeStorage, as used here; the real module satisfies this, tests pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the encryption key. */
  getSelectedStorageBackend?(): string;
}

export type SecretStorageLevel = 'os' | 'weak' | 'unavailable';

/** How well secrets are protected on this machine, for the settings page and a start-up warning. */
export interface SecretStorageStatus {
  level: SecretStorageLevel;
  /** The Linux backend (gnome_libsecret, kwallet5, basic_text, ...), when the OS reports one. */
  backend: string | undefined;
  /** What to tell the user when the protection is weak or missing. */
  warning: string | undefined;
}

/** The secret store cannot be used (no OS keychain at all): secrets cannot be kept. The message never holds a secret. */
export class SecretStorageUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStorageUnavailableError';
  }
}

const WEAK_BACKENDS = new Set(['basic_text']);

/**
 * Encrypts secrets (API keys, proxy passwords) with the OS keychain through Electron's safeStorage.
 * Ciphertext is base64 text, to keep in the settings file or database. On Linux without a keychain
 * (backend basic_text) Electron encrypts with a fixed key: the status says so, so the app can warn.
 */
export class SecretBox {
  private readonly safeStorage: SafeStorageLike;
  private readonly platform: NodeJS.Platform;

  constructor(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform) {
    this.safeStorage = safeStorage;
    this.platform = platform;
  }

  status(): SecretStorageStatus {
    const backend = this.platform === 'linux' ? this.safeStorage.getSelectedStorageBackend?.() : undefined;
    if (!this.safeStorage.isEncryptionAvailable()) {
      return { level: 'unavailable', backend, warning: 'No system keychain is available: Scrapifie cannot store secrets (API keys, proxy passwords) on this machine.' };
    }
    if (backend !== undefined && WEAK_BACKENDS.has(backend)) {
      return {
        level: 'weak',
        backend,
        warning:
          'No system keychain (GNOME Keyring / KWallet) was found: saved secrets are only obscured, not protected, and anyone who can read your files can read them. Install and unlock a keychain, then restart Scrapifie.',
      };
    }
    return { level: 'os', backend, warning: undefined };
  }

  /** The secret, encrypted, as base64. Throws SecretStorageUnavailableError when nothing can encrypt it. */
  encrypt(secret: string): string {
    if (typeof secret !== 'string') throw new TypeError('SecretBox.encrypt needs a string');
    if (!this.safeStorage.isEncryptionAvailable()) throw new SecretStorageUnavailableError('Cannot encrypt the secret: no system keychain is available');
    return this.safeStorage.encryptString(secret).toString('base64');
  }

  /** The secret back from encrypt()'s output. Throws a message without the ciphertext when it is not ours or is damaged. */
  decrypt(encrypted: string): string {
    if (!this.safeStorage.isEncryptionAvailable()) throw new SecretStorageUnavailableError('Cannot decrypt the secret: no system keychain is available');
    if (typeof encrypted !== 'string' || encrypted.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) {
      throw new Error('Cannot decrypt the secret: the stored value is not base64 ciphertext');
    }
    try {
      return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      // The underlying error may quote the bytes: keep it out of messages and logs.
      throw new Error('Cannot decrypt the secret: it was encrypted by another user, machine or keychain, or is damaged. Enter it again.');
    }
  }
}
