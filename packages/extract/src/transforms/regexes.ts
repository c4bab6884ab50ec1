import { InvalidInputError } from '@scrapifie/recipe';

export interface CompiledRegex {
  re: RegExp;
  /** Number of capturing groups in the pattern. */
  groups: number;
}

// One compiled RegExp per transform object of the recipe: a recipe is parsed once and its objects reused page after page.
const compiled = new WeakMap<object, CompiledRegex>();

/**
 * The RegExp of a `regex` or `replace` transform, compiled once per recipe. A pattern that does not compile is a
 * recipe error (InvalidInputError naming the pattern), raised on the first page rather than silently matching nothing.
 * Patterns are JavaScript regular expressions so that Node and the browser run the very same engine.
 */
export function compileRegex(owner: object, pattern: string, flags: string | undefined, global: boolean): CompiledRegex {
  const hit = compiled.get(owner);
  if (hit) return hit;
  const allFlags = (flags ?? '') + (global ? 'g' : '');
  if (!/^[imsu]*g?$/.test(allFlags) || new Set(allFlags).size !== allFlags.length)
    throw new InvalidInputError('INVALID_RECIPE', `regular expression /${pattern}/: flags "${flags ?? ''}" are not allowed (use i, m, s, u)`);
  let re: RegExp;
  try {
    re = new RegExp(pattern, allFlags);
  } catch (e) {
    throw new InvalidInputError('INVALID_RECIPE', `invalid regular expression /${pattern}/: ${(e as Error).message}`);
  }
  const groups = (new RegExp(`${pattern}|`, flags ?? '').exec('')?.length ?? 1) - 1;
  const result = { re, groups };
  compiled.set(owner, result);
  return result;
}
