import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PageSpecSchema, type PageSpec } from '@scrapifie/recipe';
import type { PageContext, PageOutcome } from '../../src/index.ts';

export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url).pathname;

/** The outcome a fixture expects; "browser" overrides it for the live-DOM path (the one documented difference: scripts). */
interface ExpectedFile extends PageOutcome {
  browser?: PageOutcome;
}

interface ContextFile {
  /** Path (and query) the page is served at, e.g. "/listing/catalogue". */
  path: string;
  contentType?: string;
  ctx?: Omit<PageContext, 'url'>;
  specPath?: string;
}

export interface Fixture {
  name: string;
  html: Buffer;
  spec: PageSpec;
  specPath: string;
  path: string;
  contentType: string;
  ctx: Omit<PageContext, 'url'>;
  expectedStatic: (origin: string) => PageOutcome;
  expectedBrowser: (origin: string) => PageOutcome;
}

/** "{origin}" in expected.json stands for the fixture server's origin (its port changes on every run). */
function withOrigin(outcome: PageOutcome, origin: string): PageOutcome {
  return JSON.parse(JSON.stringify(outcome).replaceAll('{origin}', origin)) as PageOutcome;
}

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(FIXTURES_DIR, d.name);
      const read = (f: string): unknown => JSON.parse(readFileSync(join(dir, f), 'utf8'));
      const context: ContextFile = existsSync(join(dir, 'context.json')) ? (read('context.json') as ContextFile) : { path: `/${d.name}/` };
      const expected = read('expected.json') as ExpectedFile;
      const { browser, ...staticOutcome } = expected;
      return {
        name: d.name,
        html: readFileSync(join(dir, 'page.html')),
        // Parsed by the recipe schema: fixtures are valid recipes, with their defaults filled in.
        spec: PageSpecSchema.parse(read('spec.json')),
        specPath: context.specPath ?? 'page',
        path: context.path,
        contentType: context.contentType ?? 'text/html; charset=utf-8',
        ctx: context.ctx ?? { depth: 0 },
        expectedStatic: (origin: string) => withOrigin(staticOutcome, origin),
        expectedBrowser: (origin: string) => withOrigin(browser ?? staticOutcome, origin),
      };
    });
}
