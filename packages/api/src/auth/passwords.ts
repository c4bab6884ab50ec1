import { randomBytes, timingSafeEqual } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { InvalidInputError } from '@scrapifie/recipe';

/** The shortest password accepted (OWASP ASVS: at least 12 characters). */
export const PASSWORD_MIN_LENGTH = 12;
/** Longer passwords buy nothing and cost hashing time: refused with a clear error. */
export const PASSWORD_MAX_LENGTH = 256;

/** OWASP's argon2id minimum: 19 MiB of memory, 2 iterations, 1 lane; 16-byte salt, 32-byte hash. */
export const ARGON2_PARAMS = Object.freeze({ memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32, saltLength: 16 });

/** Throws INVALID_INPUT naming `path` when the password is too short or too long. */
export function checkPasswordStrength(password: string, path = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new InvalidInputError('INVALID_INPUT', `${path}: must be at least ${PASSWORD_MIN_LENGTH} characters (got ${password.length})`, [{ path, message: `at least ${PASSWORD_MIN_LENGTH} characters` }]);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new InvalidInputError('INVALID_INPUT', `${path}: must be at most ${PASSWORD_MAX_LENGTH} characters`, [{ path, message: `at most ${PASSWORD_MAX_LENGTH} characters` }]);
  }
}

/** A PHC string: $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash> (base64 without padding). */
export async function hashPassword(password: string): Promise<string> {
  const { memorySize, iterations, parallelism, hashLength, saltLength } = ARGON2_PARAMS;
  return argon2id({ password, salt: randomBytes(saltLength), memorySize, iterations, parallelism, hashLength, outputType: 'encoded' });
}

const PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Whether `password` matches the PHC hash, recomputed with the hash's own parameters and compared in constant time.
 * A malformed hash (or parameters beyond sane bounds) is false, never an exception.
 */
export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const m = PHC.exec(phc);
  if (!m) return false;
  const [memorySize, iterations, parallelism] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (memorySize > 1_048_576 || iterations < 1 || parallelism < 1) return false;
  const salt = Buffer.from(m[4]!, 'base64');
  const expected = Buffer.from(m[5]!, 'base64');
  if (salt.length < 8 || expected.length < 16) return false;
  const actual = await argon2id({ password, salt, memorySize, iterations, parallelism, hashLength: expected.length, outputType: 'binary' });
  return timingSafeEqual(Buffer.from(actual), expected);
}

let dummy: Promise<string> | undefined;
/**
 * Spends the time of one verification against a throw-away hash: a login for an unknown e-mail takes as long as one
 * with a wrong password, so timing does not tell which addresses have accounts.
 */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummy);
}
