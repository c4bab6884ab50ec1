// Bundled by bundled-designer.test.ts exactly as main.mjs is (scripts/build.ts bundleNode): the designer as main hosts it.
export { createPooledDesigner } from '@scrapifie/designer-host';
export { HttpFetcher } from '@scrapifie/fetch-http';
