import type { PageOutcome } from '@scrapifie/extract';
import type { PageSpec } from '@scrapifie/recipe';
import type { BlockCheckVerdict } from '../ports/block-detector.ts';
import type { Signal } from './escalation.ts';

/** Kinds of wall that are about the client's address rather than its abilities. */
const IP_KINDS = new Set(['rate-limit', 'generic']);

/** A detector's verdict as an escalation signal, or undefined when the page is not a wall. */
export function verdictSignal(v: BlockCheckVerdict, status: number): Signal | undefined {
  if (!v.blocked) return undefined;
  const reason = v.reason ?? `blocked (${v.kind ?? 'unknown wall'}, HTTP ${status})`;
  if (v.kind === 'js-shell') return { kind: 'content', strong: true, reason };
  if (v.kind !== undefined && IP_KINDS.has(v.kind)) return { kind: 'ip', reason, retryAfterMs: v.retryAfterMs };
  return { kind: 'blocked', reason, retryAfterMs: v.retryAfterMs };
}

/** How many items the page showed: stored rows, rows dropped for empty required fields, rows waiting on a merge follow. */
export function itemsSeen(outcome: PageOutcome): number {
  let merges = 0;
  for (const r of outcome.requests) if (r.kind === 'follow' && r.parentRow !== undefined) merges++;
  return outcome.rows.length + outcome.dropped.length + merges;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** The page gave nothing: a spec with items matched none, or a page of fields found every field empty. */
export function foundNothing(spec: PageSpec, outcome: PageOutcome): boolean {
  if (spec.items) return itemsSeen(outcome) === 0;
  if (outcome.dropped.length > 0) return outcome.rows.length === 0;
  const names = Object.keys(spec.fields ?? {});
  if (names.length === 0) return false;
  return outcome.rows.every((row) => names.every((n) => isEmpty(row[n])));
}

const NOSCRIPT = /<noscript\b[^>]*>([\s\S]{0,4000}?)<\/noscript\s*>/gi;

/** Text inside the page's <noscript> elements (tags stripped): a shell telling readers without JavaScript to turn it on. */
export function noscriptText(html: string): string {
  let out = '';
  for (const m of html.matchAll(NOSCRIPT)) out += ` ${(m[1] ?? '').replace(/<[^>]*>/g, ' ')}`;
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * A weak content signal from the extraction itself (used below the rendering tiers): the page had no items and a
 * <noscript> with words in it, or every item lacked a required field. A page that is simply empty stays accepted
 * where no rendering tier is available.
 */
export function extractionSignal(spec: PageSpec, outcome: PageOutcome, html: () => string): Signal | undefined {
  const seen = itemsSeen(outcome);
  if (spec.items && seen > 0 && outcome.dropped.length === seen) {
    return { kind: 'content', strong: false, reason: `every item on the page (${seen}) lacks a required field (${outcome.dropped[0]?.reason ?? 'empty'})` };
  }
  if (!foundNothing(spec, outcome)) return undefined;
  const text = noscriptText(html());
  if (text === '') return undefined;
  return { kind: 'content', strong: false, reason: `no items without JavaScript, and the page's <noscript> says "${text.slice(0, 80)}"` };
}
