import { InvalidInputError } from '@scrapifie/recipe';

/** The scheme of the app's deep links (registered by electron-builder's `protocols` and at start-up). */
export const DEEP_LINK_SCHEME = 'scrapifie';

/** What a deep link asks for. Today: open a recipe. */
export type DeepLink = { kind: 'recipe'; recipeId: string };

const RECIPE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const MAX_LENGTH = 512;

/**
 * Parses `scrapifie://recipe/<id>` (a trailing slash is fine). Anything else — another scheme or
 * action, extra path segments, a query, credentials, an id with characters outside [A-Za-z0-9_-] —
 * is an InvalidInputError that names the problem; a deep link comes from outside and is never trusted.
 */
export function parseDeepLink(raw: string): DeepLink {
  const bad = (why: string): InvalidInputError => new InvalidInputError('INVALID_URL', `Not a Scrapifie link (${why}): expected ${DEEP_LINK_SCHEME}://recipe/<id>`);
  if (typeof raw !== 'string' || raw.length === 0) throw bad('it is empty');
  if (raw.length > MAX_LENGTH) throw bad(`it is longer than ${MAX_LENGTH} characters`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw bad('it is not a URL');
  }
  if (u.protocol !== `${DEEP_LINK_SCHEME}:`) throw bad(`the scheme is "${u.protocol}"`);
  if (u.username || u.password || u.port) throw bad('it carries a user name, password or port');
  if (u.search || u.hash) throw bad('it has a query or fragment');
  if (u.hostname !== 'recipe') throw bad(`"${u.hostname}" is not something a link can open`);
  const segments = u.pathname.split('/').filter((s) => s !== '');
  if (segments.length !== 1) throw bad('it must name exactly one recipe');
  const id = segments[0] as string;
  if (!RECIPE_ID.test(id)) throw bad('the recipe id may hold only letters, digits, "-" and "_", up to 128 characters');
  // The URL parser resolves "." and ".." segments: a link is taken only as written, never as rewritten.
  if (raw.slice(DEEP_LINK_SCHEME.length + 3).replace(/\/$/, '') !== `recipe/${id}`) throw bad('its path has dot segments or is not in plain form');
  return { kind: 'recipe', recipeId: id };
}

/** The deep link among a process's arguments (Windows and Linux pass it on the command line), if any. */
export function deepLinkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((a) => a.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`));
}
