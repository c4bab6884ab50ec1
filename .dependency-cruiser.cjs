/**
 * The dependency direction of DESIGN.md, enforced in `npm test`:
 * recipe <- extract <- engine <- {fetch-*, store-*, queue-*, designer, api} <- apps.
 * The engine talks to ports only: no database driver, Redis, Playwright or Electron in it.
 */
const pkg = (name) => `^packages/${name}/`;
const adapters = '(fetch-http|fetch-browser|store-sqlite|store-postgres|queue-bullmq|designer|api)';

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
      to: { path: 'node_modules/(better-sqlite3|pg|ioredis|bullmq|playwright|playwright-core|electron|impit)/' } },
    { name: 'adapters-not-each-other', severity: 'error', comment: 'adapters depend on the engine, not on each other or on apps',
      from: { path: `^packages/${adapters}/` },
      to: { path: '^(packages|apps)/', pathNot: `^packages/(recipe|extract|engine|testsite)/|^packages/$1/` } },
    { name: 'testsite-standalone', severity: 'error', from: { path: pkg('testsite') }, to: { path: '^(packages|apps)/', pathNot: pkg('testsite') } },
    { name: 'packages-not-apps', severity: 'error', from: { path: '^packages/' }, to: { path: '^apps/' } },
    { name: 'ui-only-types-from-api', severity: 'error', comment: 'ui imports recipe, and only the AppRouter type from api',
      from: { path: pkg('ui') }, to: { path: '^packages/', pathNot: `${pkg('ui')}|${pkg('recipe')}|${pkg('api')}` } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'no-undeclared-deps', severity: 'error', comment: 'each package.json lists what it may use',
      from: { path: '^(packages|apps|bench)/' }, to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown', 'unknown'] } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
  },
};
