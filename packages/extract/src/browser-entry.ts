/**
 * The in-page entry of the browser bundle (dist/extract.browser.js, an IIFE): defines window.__scrapifie, whose
 * evaluatePage evaluates a PageSpec against the live `document` with the very evaluator the static path uses.
 */
import type { PageSpec } from '@scrapifie/recipe';
import { createDomAdapter } from './dom-adapter.ts';
import { evaluatePage } from './evaluate/evaluate-page.ts';
import type { PageContext, PageOutcome } from './types.ts';

export type InPageResult = { ok: true; outcome: PageOutcome } | { ok: false; error: { name: string; code: string; message: string } };

export interface ScrapifieInPage {
  version: 1;
  evaluatePage(spec: PageSpec, specPath: string, ctx: PageContext): PageOutcome;
  /** As evaluatePage, but a failure comes back as data (with its error code) instead of a thrown error. */
  evaluatePageResult(spec: PageSpec, specPath: string, ctx: PageContext): InPageResult;
}

const api: ScrapifieInPage = {
  version: 1,
  evaluatePage: (spec, specPath, ctx) => evaluatePage(spec, specPath, createDomAdapter(document), ctx),
  evaluatePageResult: (spec, specPath, ctx) => {
    try {
      return { ok: true, outcome: api.evaluatePage(spec, specPath, ctx) };
    } catch (e) {
      const err = e as { name?: string; code?: string; message?: string };
      return { ok: false, error: { name: err.name ?? 'Error', code: err.code ?? 'EXTRACTION_ERROR', message: err.message ?? String(e) } };
    }
  },
};

(globalThis as unknown as { __scrapifie: ScrapifieInPage }).__scrapifie = api;
