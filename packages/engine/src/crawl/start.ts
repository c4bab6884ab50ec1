import { InvalidInputError, type Recipe } from '@scrapifie/recipe';
import type { NewRequest } from '../ports/store.ts';
import { requestKey } from './keys.ts';
import { fetchableUrl, normalizeUrl } from './url.ts';

export const ROOT_SPEC = 'page';
/** Lower priorities are claimed first: listing chains (start, pagination) before the details they reveal. */
export const PRIORITY_LISTING = 0;
export const PRIORITY_FOLLOW = 1;

export type InputRow = Record<string, unknown>;

function fillTemplate(template: string, row: InputRow, index: number): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const v = row[name];
    if (v === undefined || v === null || v === '') {
      throw new InvalidInputError('INVALID_INPUT', `Input row ${index + 1} has no value for "${name}", which the URL template "${template}" needs`, [
        { path: `start.input.rows[${index}].${name}`, message: 'missing value' },
      ]);
    }
    return encodeURIComponent(String(v));
  });
}

function startRequest(url: string, parentRow: InputRow | undefined, where: string): NewRequest {
  let normalized: string;
  try {
    normalized = normalizeUrl(url);
  } catch (e) {
    throw new InvalidInputError('INVALID_INPUT', `${where}: ${(e as Error).message}`, [{ path: where, message: (e as Error).message }]);
  }
  return { key: requestKey(ROOT_SPEC, normalized, parentRow), url: fetchableUrl(url), specPath: ROOT_SPEC, depth: 0, parentRow, priority: PRIORITY_LISTING };
}

/**
 * The run's first requests: start.urls, then one per input row (its URL from urlColumn or
 * urlTemplate, its `carry` columns as the parent row of everything extracted from it).
 * Throws InvalidInputError naming the row when an input row gives no usable URL.
 */
export function startRequests(recipe: Recipe, inputRows: readonly InputRow[] = []): NewRequest[] {
  const out: NewRequest[] = [];
  for (const [i, url] of (recipe.start.urls ?? []).entries()) out.push(startRequest(url, undefined, `start.urls[${i}]`));
  const input = recipe.start.input;
  if (!input) return out;
  for (const [i, row] of inputRows.entries()) {
    let url: string;
    if (input.urlColumn !== undefined) {
      const v = row[input.urlColumn];
      if (typeof v !== 'string' || v.trim() === '') {
        throw new InvalidInputError('INVALID_INPUT', `Input row ${i + 1} has no URL in column "${input.urlColumn}"`, [
          { path: `start.input.rows[${i}].${input.urlColumn}`, message: 'missing URL' },
        ]);
      }
      url = v.trim();
    } else {
      url = fillTemplate(input.urlTemplate as string, row, i);
    }
    let parentRow: InputRow | undefined;
    if (input.carry.length) {
      parentRow = {};
      for (const c of input.carry) parentRow[c] = row[c] ?? null;
    }
    out.push(startRequest(url, parentRow, `input row ${i + 1}`));
  }
  return out;
}
