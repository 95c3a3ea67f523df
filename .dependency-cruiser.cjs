// Layer rules, checked by `npm run deps:validate`. Paths are relative to the repository root;
// path aliases (@app/*, @infra/*, ...) are resolved through tsconfig.json.
//
//   common  <- config <- infrastructure <- modules <- app <- cli / main.ts
//
// (an arrow points from what is imported to what may import it).

/** node_modules at any depth (the worktree's node_modules may be a symlink resolved elsewhere). */
const NODE_MODULES = '(^|/)node_modules/';

/** Test code inside src/. It may use devDependencies. */
const TESTS_IN_SRC = ['/__tests__/', '\\.spec\\.ts$'];

/** Domain folders nested inside a module (the module's repository and entities are theirs too). */
const SUBDOMAINS = ['journeys/expedite', 'journeys/resettlement'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular dependencies make load order fragile (undefined at import time) and blur the layers.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'common-is-the-kernel',
      severity: 'error',
      comment: 'src/common is domain-agnostic and depends on nothing else in src/.',
      from: { path: '^src/common/' },
      to: { path: '^src/(infrastructure|modules|app|cli|config)/' },
    },
    {
      name: 'config-stays-low',
      severity: 'error',
      comment: 'src/config is read by every layer; it must not depend on them.',
      from: { path: '^src/config/' },
      to: { path: '^src/(infrastructure|modules|app|cli)/' },
    },
    {
      name: 'infrastructure-knows-no-domain',
      severity: 'error',
      comment: 'src/infrastructure serves the domain modules; it must not import them, the composition root or the CLI.',
      from: { path: '^src/infrastructure/' },
      to: { path: '^src/(modules|app|cli)/' },
    },
    {
      name: 'modules-not-to-app-or-cli',
      severity: 'error',
      comment: 'Domain modules are composed by src/app; they must not import it or the CLI.',
      from: { path: '^src/modules/' },
      to: { path: '^src/(app|cli)/' },
    },
    {
      name: 'cli-is-an-entry-point',
      severity: 'error',
      comment: 'Only the CLI imports src/cli.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'main-is-an-entry-point',
      severity: 'error',
      comment: 'src/main.ts starts the service; nothing imports it.',
      from: {},
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'demo-is-an-entry-point',
      severity: 'error',
      comment: 'src/demo (npm run demo) drives the service from outside; the service never depends on it.',
      from: { path: '^src/', pathNot: '^src/demo/' },
      to: { path: '^src/demo/' },
    },
    {
      name: 'demo-talks-http-only',
      severity: 'error',
      comment: 'The demo is a client: it reaches the service over HTTP (and its CLI as a process), never by importing it.',
      from: { path: '^src/demo/' },
      to: { path: '^src/', pathNot: '^src/demo/' },
    },
    {
      name: 'repositories-are-private',
      severity: 'error',
      comment: "A module's repositories are its own: other modules call its exported service instead.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/.+\\.repository\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'entities-are-private',
      severity: 'error',
      comment: "Another module's entities are reached through that module's service. Entity files may import each other's entities (TypeORM relations).",
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.entity\\.ts$' },
      to: { path: '^src/modules/[^/]+/.+\\.entity\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'controllers-not-to-repositories',
      severity: 'error',
      comment: 'Controllers delegate to services; persistence is the repositories’ business.',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'controllers-not-to-typeorm',
      severity: 'error',
      comment: 'Controllers delegate to services; they do not touch TypeORM.',
      from: { path: '\\.controller\\.ts$' },
      to: { path: `${NODE_MODULES}(typeorm|@nestjs/typeorm)/` },
    },
    {
      name: 'domain-folders-are-pure',
      severity: 'error',
      comment:
        "A module's domain/ folder holds rules and types (state machines, clocks, windows): no framework, no persistence, no services, so it can be unit-tested alone.",
      from: { path: '^src/modules/.+/domain/', pathNot: TESTS_IN_SRC },
      to: {
        path: [`${NODE_MODULES}(@nestjs|typeorm|bull|ioredis|pg)/`, '^src/infrastructure/', '\\.(repository|service|controller|handler|entity|module)\\.ts$'],
      },
    },
    {
      name: 'dto-are-shapes',
      severity: 'error',
      comment: 'Request and response classes (dto/) describe the wire: they do not reach services, repositories, handlers or controllers.',
      from: { path: '^src/modules/.+/dto/' },
      to: { path: '\\.(repository|service|controller|handler)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'handlers-and-controllers-are-entry-points',
      severity: 'error',
      comment:
        'Job handlers (*.handler.ts) and controllers are called by the queue and by HTTP, never imported by other code (their module file and tests excepted).',
      from: { pathNot: ['\\.module\\.ts$', ...TESTS_IN_SRC] },
      to: { path: '^src/modules/.+\\.(handler|controller)\\.ts$' },
    },
    {
      name: 'job-handlers-in-handler-files',
      severity: 'error',
      comment:
        'Every @JobHandler lives in a *.handler.ts beside its module, so a reader finds what the queue runs by file name; services stay callable without the queue.',
      from: { path: '^src/modules/', pathNot: ['\\.handler\\.ts$', ...TESTS_IN_SRC] },
      to: { path: '^src/infrastructure/queue/job-handler\\.decorator\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    ...SUBDOMAINS.map((folder) => ({
      name: 'subdomain-repositories-are-private',
      severity: 'error',
      comment: `A domain folder inside a module (${folder}/) keeps its repositories to itself: the rest of the module calls its services.`,
      from: { path: '^src/modules/', pathNot: [`^src/modules/${folder}/`, '\\.module\\.ts$'] },
      to: { path: `^src/modules/${folder}/.+\\.repository\\.ts$` },
    })),
    {
      name: 'migrations-are-self-contained',
      severity: 'error',
      comment: 'A migration is frozen history: importing src/ would change it when the code changes.',
      from: { path: '^migrations/' },
      to: { path: '^src/' },
    },
    {
      name: 'src-not-to-test',
      severity: 'error',
      comment: 'The test harness depends on the application, never the other way round (tests beside the code may use it).',
      from: { path: '^src/', pathNot: TESTS_IN_SRC },
      to: { path: '^test/' },
    },
    {
      name: 'src-not-to-dev-deps',
      severity: 'error',
      comment:
        'The production image installs dependencies only (npm ci --omit=dev). Type-only imports are erased at build and are fine; tests may use devDependencies.',
      from: { path: '^(src|migrations)/', pathNot: TESTS_IN_SRC },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-undeclared-packages',
      severity: 'error',
      comment: 'A package used at run time must be in package.json, not merely present as a transitive dependency (type-only imports excepted).',
      from: { path: '^(src|migrations)/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve (a missing package, a typo, an alias outside tsconfig.json).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: NODE_MODULES },
    // Anchored: a package's own dist/ folder (node_modules/x/dist/...) must stay visible.
    exclude: { path: ['^dist/', '^coverage/'] },
    moduleSystems: ['es6', 'cjs'],
    // See type-only imports too (labelled 'type-only'), so layer rules cover them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // NestJS 12 and other ESM-only packages are found through their package.json "exports".
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: { text: { highlightFocused: true } },
  },
};
