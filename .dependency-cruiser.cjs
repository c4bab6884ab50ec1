/**
 * The dependency direction of DESIGN.md, enforced in `npm test`:
 * recipe <- extract <- engine <- {fetch-*, store-*, queue-*, designer, api} <- tiers (the fetch tiers composed) <- apps;
 * {api, designer, fetch-browser} <- designer-host (the API's designer service on the designer's live pages) <- apps;
 * client -> AppRouter type of api.
 * The engine talks to ports only: no database driver, Redis, Playwright or Electron in it.
 */
const pkg = (name) => `^packages/${name}/`;
const adapters = '(fetch-http|fetch-browser|store-sqlite|store-postgres|queue-bullmq|designer)';

module.exports = {
  forbidden: [
    { name: 'recipe-is-a-leaf', severity: 'error', comment: 'recipe holds schemas and types only: no other package, no I/O',
      from: { path: pkg('recipe') }, to: { path: '^(packages|apps)/', pathNot: pkg('recipe') } },
    { name: 'recipe-no-io', severity: 'error', comment: 'recipe source does no I/O (its tests and scripts may read files)',
      from: { path: `${pkg('recipe')}src/`, pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|worker_threads|dgram|tls)$' } },
    { name: 'extract-only-recipe', severity: 'error', comment: 'extract may use recipe only',
      from: { path: pkg('extract') }, to: { path: '^(packages|apps)/', pathNot: `${pkg('extract')}|${pkg('recipe')}` } },
    { name: 'engine-only-ports', severity: 'error', comment: 'engine may use recipe and extract, never an adapter or app',
      from: { path: pkg('engine') }, to: { path: '^(packages|apps)/', pathNot: `${pkg('engine')}|${pkg('recipe')}|${pkg('extract')}` } },
    { name: 'engine-no-drivers', severity: 'error', comment: 'the engine never imports a database driver, Redis, Playwright or Electron',
      from: { path: pkg('engine') },
      to: { path: 'node_modules/(better-sqlite3|pg|kysely|ioredis|bullmq|playwright|playwright-core|electron|impit)/' } },
    { name: 'adapters-not-each-other', severity: 'error', comment: 'adapters depend on the engine, not on each other or on apps',
      // store-sqlite's crawl tests compose the real fetchers, antibot and proxy-pool with the store, as an app does.
      from: { path: `^packages/${adapters}/`, pathNot: `${pkg('designer')}|^packages/store-sqlite/test/` },
      to: { path: '^(packages|apps)/', pathNot: `^packages/(recipe|extract|engine|testsite|testkit|store-kysely)/|^packages/$1/` } },
    // store-kysely holds the AppStore queries both SQL adapters share; only they may use it, and it stays driver-free.
    { name: 'store-kysely-only-for-sql-stores', severity: 'error', comment: 'only store-sqlite and store-postgres import the shared Kysely queries',
      from: { path: '^(packages|apps)/', pathNot: '^packages/(store-sqlite|store-postgres|store-kysely)/' }, to: { path: pkg('store-kysely') } },
    { name: 'store-kysely-deps', severity: 'error', comment: 'store-kysely uses recipe and engine, and Kysely but no database driver (the adapters bring the dialect)',
      from: { path: pkg('store-kysely') },
      to: { path: '^(packages|apps)/|node_modules/(better-sqlite3|pg|ioredis|bullmq)/', pathNot: `^packages/(recipe|engine|store-kysely)/` } },
    // The same for the designer, with one more allowed edge: its live pages come from fetch-browser's pool.
    // (A regex cannot compare $1 with a package name, so this cannot be an alternative of the rule above.)
    { name: 'adapters-not-each-other-designer', severity: 'error', comment: 'the designer depends on the engine and fetch-browser, not on other adapters or apps',
      from: { path: pkg('designer') },
      to: { path: '^(packages|apps)/', pathNot: `^packages/(recipe|extract|engine|testsite|designer|fetch-browser)/` } },
    // designer-host joins two siblings for the apps: the API's DesignerService port and the designer's live pages.
    { name: 'designer-host-deps', severity: 'error', comment: 'designer-host may use recipe, extract, engine, api, designer and fetch-browser, never another adapter or an app',
      from: { path: `${pkg('designer-host')}src/` }, to: { path: '^(packages|apps)/', pathNot: `^packages/(recipe|extract|engine|api|designer|fetch-browser|designer-host)/` } },
    { name: 'designer-host-tests-deps', severity: 'error', comment: 'designer-host tests wire the real SQLite app store and the fixture site, nothing else',
      from: { path: `${pkg('designer-host')}test/` }, to: { path: '^(packages|apps)/', pathNot: `^packages/(recipe|extract|engine|api|designer|fetch-browser|designer-host|store-sqlite|testsite)/` } },
    { name: 'testkit-deps', severity: 'error', comment: 'the conformance suites use the engine, recipe and the fixture site, never an adapter (adapters bring themselves in their own tests)',
      from: { path: pkg('testkit') }, to: { path: '^(packages|apps)/', pathNot: `^packages/(recipe|extract|engine|testsite|testkit)/` } },
    { name: 'testkit-only-in-tests', severity: 'error', comment: 'product code never imports the testkit (only tests, benches and other test helpers)',
      from: { path: '^(packages|apps)/[^/]+/src/', pathNot: pkg('testkit') }, to: { path: pkg('testkit') } },
    { name: 'testsite-standalone', severity: 'error', from: { path: pkg('testsite') }, to: { path: '^(packages|apps)/', pathNot: pkg('testsite') } },
    { name: 'packages-not-apps', severity: 'error', from: { path: '^packages/' }, to: { path: '^apps/' } },
    { name: 'ui-only-types-from-api', severity: 'error', comment: 'ui imports recipe, and only the AppRouter type from api',
      from: { path: pkg('ui') }, to: { path: '^packages/', pathNot: `${pkg('ui')}|${pkg('recipe')}|${pkg('api')}` } },
    { name: 'ui-is-browser-code', severity: 'error', comment: 'the studio runs in a browser and in the desktop renderer: no Node built-ins outside its tests',
      from: { path: `${pkg('ui')}src/`, pathNot: '\\.test\\.tsx?$' }, to: { dependencyTypes: ['core'] } },
    // The API: its source uses recipe, extract and engine only (apps wire the adapters); its tests wire real
    // adapters as an app does. The client reaches the API only through the AppRouter type.
    { name: 'api-no-adapters', severity: 'error', comment: 'api may use recipe, extract and engine; never an adapter (apps wire adapters)',
      from: { path: `${pkg('api')}src/` }, to: { path: '^(packages|apps)/', pathNot: `^packages/(recipe|extract|engine|api)/` } },
    { name: 'api-tests-deps', severity: 'error', comment: 'api tests wire the real SQLite store, HTTP tier and fixture site, nothing else',
      from: { path: `${pkg('api')}test/` }, to: { path: '^(packages|apps)/', pathNot: `^packages/(recipe|extract|engine|api|testsite|store-sqlite|fetch-http)/` } },
    { name: 'client-only-router-type', severity: 'error', comment: 'the client imports only the AppRouter type from api, and no other package',
      from: { path: `${pkg('client')}src/` }, to: { path: '^(packages|apps)/', pathNot: `${pkg('client')}|${pkg('api')}` } },
    { name: 'client-api-types-only', severity: 'error', comment: 'the client imports only types from api (it runs without the server code)',
      from: { path: `${pkg('client')}src/` }, to: { path: pkg('api'), dependencyTypesNot: ['type-only'] } },
    { name: 'client-tests-deps', severity: 'error', comment: 'client tests start a real API server with real adapters',
      from: { path: `${pkg('client')}test/` }, to: { path: '^(packages|apps)/', pathNot: `^packages/(recipe|engine|api|client|testsite|store-sqlite|fetch-http)/` } },
    // The desktop app: main-process modules are plain, tested without Electron (it is injected);
    // the preload and the renderer side of the IPC link stay tiny and never reach Node or the runtime.
    { name: 'desktop-electron-only-in-glue', severity: 'error', comment: 'only main.ts, main-window.ts and the preload entry import Electron; every other module takes the Electron parts it needs as an interface',
      from: { path: '^apps/desktop/src/', pathNot: '^apps/desktop/src/(main|main-window|preload/preload)\\.ts$' },
      to: { path: '(^|/)node_modules/electron/', dependencyTypesNot: ['type-only'] } },
    { name: 'desktop-preload-minimal', severity: 'error', comment: 'the preload uses Electron and the IPC protocol constants, nothing else (it exposes the bridge and nothing else)',
      from: { path: '^apps/desktop/src/preload/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^apps/desktop/src/(preload/[^/]+|ipc/protocol)\\.ts$|(^|/)node_modules/electron/' } },
    { name: 'desktop-renderer-no-node', severity: 'error', comment: 'the renderer and the IPC link it uses reach the main process only over IPC: no Node, Electron or runtime module (the studio itself, @scrapifie/ui, is browser code)',
      from: { path: '^apps/desktop/src/(renderer/|ipc/link\\.ts$)' },
      to: { dependencyTypesNot: ['type-only'], pathNot: '^apps/desktop/src/(renderer/|ipc/(link|protocol)\\.ts$)|^packages/ui/src/|(^|/)node_modules/@trpc/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'no-undeclared-deps', severity: 'error', comment: 'each package.json lists what it may use',
      from: { path: '^(packages|apps|bench)/' }, to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown', 'unknown'] } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules stay out of the graph, except the drivers and Electron: rules above must see edges to them.
    exclude: { path: '(^|/)dist/|(^|/)node_modules/(?!(electron|better-sqlite3|pg|kysely|ioredis|bullmq|playwright|playwright-core|impit)/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
