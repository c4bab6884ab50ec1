import { extractStatic, resolveSpec, type PageContext, type PageOutcome } from '@scrapifie/extract';
import type { PageSpec } from '@scrapifie/recipe';

export type EvaluationContext = PageContext & { contentType?: string | undefined; maxBytes?: number | undefined };

/**
 * Evaluates the recipe's page spec over a fetched body: rows, dropped rows, and the requests to make next.
 * May answer asynchronously (e.g. from a pool of worker threads).
 */
export type PageEvaluator = (spec: PageSpec, specPath: string, body: Uint8Array | string, ctx: EvaluationContext) => PageOutcome | Promise<PageOutcome>;

export const staticEvaluator: PageEvaluator = extractStatic;

/** The PageSpec of each spec path ("page", "page.follow[0].page", ...), resolved once per run. */
export class SpecCache {
  private readonly root: PageSpec;
  private readonly specs = new Map<string, PageSpec>();

  constructor(root: PageSpec) {
    this.root = root;
  }

  get(specPath: string): PageSpec {
    const known = this.specs.get(specPath);
    if (known) return known;
    const s = resolveSpec(this.root, specPath);
    this.specs.set(specPath, s);
    return s;
  }
}
