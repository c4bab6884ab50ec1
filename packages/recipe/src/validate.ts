import type { z } from 'zod';
import { InvalidInputError, type IssueDetail } from './errors.ts';
import { RecipeSchema, type Recipe } from './schema/recipe.ts';

/** "page.items.fields.price.transforms[0]" from zod's path array. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || '(root)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union') {
    // Report the most specific branch error instead of zod's generic "Invalid input".
    const branches = issue.errors.map((errs) => errs[0]).filter((e): e is z.core.$ZodIssue => e !== undefined);
    const best = branches.find((b) => b.code !== 'invalid_type') ?? branches[0];
    if (best) return describeIssue(best);
  }
  return issue.message;
}

export function issuesOf(error: z.ZodError): IssueDetail[] {
  return error.issues.map((i) => {
    const path = [...i.path];
    if (i.code === 'invalid_union') {
      const inner = i.errors.map((e) => e[0]).find((e) => e && e.code !== 'invalid_type') ?? i.errors[0]?.[0];
      if (inner) path.push(...inner.path);
    }
    return { path: formatPath(path), message: describeIssue(i) };
  });
}

export type ValidationResult = { ok: true; recipe: Recipe } | { ok: false; issues: IssueDetail[] };

/** Validates and normalises (fills defaults) a recipe; errors name the JSON path and what was expected. */
export function validateRecipe(input: unknown): ValidationResult {
  const r = RecipeSchema.safeParse(input);
  if (r.success) return { ok: true, recipe: r.data };
  return { ok: false, issues: issuesOf(r.error) };
}

/** As validateRecipe, but throws an InvalidInputError (code INVALID_RECIPE) listing every problem. */
export function parseRecipe(input: unknown): Recipe {
  const r = validateRecipe(input);
  if (r.ok) return r.recipe;
  const lines = r.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
  throw new InvalidInputError('INVALID_RECIPE', `The recipe is not valid:\n${lines}`, r.issues);
}

/** Parses recipe JSON text, turning a syntax error into a clear INVALID_RECIPE error. */
export function parseRecipeJson(text: string): Recipe {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InvalidInputError('INVALID_RECIPE', `The recipe is not valid JSON: ${(e as Error).message}`, [{ path: '(root)', message: (e as Error).message }]);
  }
  return parseRecipe(json);
}
