/**
 * Import directions the architecture promises (docs/architecture.md, "The parts"), checked by `npm test`:
 * machines are pure and import nothing of the rest; contracts build on machines only; the project
 * core builds on both and nothing else, without Node or Temporal; workflows never reach the API or
 * the worker factory; the API never reaches workflows; nothing imports the API except the entry
 * points and tests, nor the benchmark's code; no cycles; and what `npm start` loads needs no
 * development dependency (`npm ci --omit=dev` must be enough for production).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle hides which module owns what; split the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'machines-are-pure',
      severity: 'error',
      comment: 'machines/ holds the charts and their rules: no Temporal host, activities, API or runtime.',
      from: { path: '^machines/' },
      to: { path: '^(contracts|core|workflows|activities|worker|server|runtime|scripts|bench|test)/' },
    },
    {
      name: 'machines-no-io',
      severity: 'error',
      comment: 'Charts are pure: no Node built-ins, no I/O.',
      from: { path: '^machines/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contracts-only-to-machines',
      severity: 'error',
      comment: 'contracts/ is what API and workflow exchange: it builds on the machines and nothing else of ours.',
      from: { path: '^contracts/' },
      to: { path: '^(core|workflows|activities|worker|server|runtime|scripts|bench|test)/' },
    },
    {
      name: 'core-only-to-machines-and-contracts',
      severity: 'error',
      comment: 'core/ is the project as pure steps over one state: the charts and the contracts, nothing else of ours.',
      from: { path: '^core/' },
      to: { path: '^(workflows|activities|worker|server|runtime|scripts|bench|test)/' },
    },
    {
      name: 'core-no-io',
      severity: 'error',
      comment: 'The core runs inside the workflow sandbox and in plain unit tests: no Node built-ins.',
      from: { path: '^core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-temporal',
      severity: 'error',
      comment: 'Time, ids and the outbox come into the core as plain values; workflows/ holds what needs Temporal.',
      from: { path: '^core/' },
      to: { path: 'node_modules/@temporalio/' },
    },
    {
      name: 'server-not-to-workflows',
      severity: 'error',
      comment: 'The API talks to projects through contracts/ and computes first views with core/, never with workflow code.',
      from: { path: '^server/' },
      to: { path: '^workflows/' },
    },
    {
      name: 'workflows-not-to-server',
      severity: 'error',
      comment: 'workflows/ holds workflow code only.',
      from: { path: '^workflows/' },
      to: { path: '^(server|worker|runtime|scripts|bench|test)/' },
    },
    {
      name: 'activities-not-to-server',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: '^(server|core|workflows|worker|scripts|bench|test)/' },
    },
    {
      name: 'worker-not-to-server',
      severity: 'error',
      comment: 'The worker factory bundles workflows and builds activities; it knows nothing of the API.',
      from: { path: '^worker/' },
      to: { path: '^(server|scripts|bench|test)/' },
    },
    {
      name: 'documents-stand-alone',
      severity: 'error',
      comment: 'The document store (documents/) serves the API and the worker alike: it imports neither, nor workflow code.',
      from: { path: '^documents/' },
      to: { path: '^(contracts|core|workflows|activities|worker|server|runtime|scripts|bench|test)/' },
    },
    {
      name: 'workflows-not-to-documents',
      severity: 'error',
      comment: 'Workflow code never touches bytes: documents reach it as ids and hashes.',
      from: { path: '^(workflows|core|machines|contracts)/' },
      to: { path: '^documents/' },
    },
    {
      name: 'notifications-not-to-server',
      severity: 'error',
      comment:
        'notifications/ runs beside the worker and is read by the API: it imports neither, nor workflow code (people come from the identity file, notifications/people.ts).',
      from: { path: '^notifications/' },
      to: { path: '^(core|workflows|worker|server|runtime|scripts|bench|test)/' },
    },
    {
      name: 'nothing-imports-server',
      severity: 'error',
      comment: 'Only entry points (scripts/) and tests import the API.',
      from: { path: '^(machines|contracts|core|workflows|activities|worker|runtime)/' },
      to: { path: '^server/' },
    },
    {
      name: 'nothing-imports-bench',
      severity: 'error',
      comment: "The benchmark's own workflows and worker stay out of the product.",
      from: { pathNot: '^(bench|scripts|test)/' },
      to: { path: '^bench/' },
    },
    {
      name: 'product-not-to-tests',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'workflow-tests-not-through-the-api',
      severity: 'error',
      comment: 'test/workflows/ drives projects through the Temporal client and the contracts (test/workflows/client.ts); only the signer is the API’s.',
      from: { path: '^test/workflows/' },
      to: { path: '^server/', pathNot: '^server/signing\\.ts$' },
    },
    {
      name: 'core-tests-without-temporal',
      severity: 'error',
      comment: 'test/core/ runs the pure core in milliseconds, with no Temporal server or SDK.',
      from: { path: '^test/core/' },
      to: { path: 'node_modules/@temporalio/' },
    },
    {
      name: 'production-needs-no-dev-dependencies',
      severity: 'error',
      comment: 'npm start must work after npm ci --omit=dev; a development-only path may load one dynamically.',
      from: {
        path: '^(machines|contracts|core|workflows|activities|notifications|worker|server|documents|runtime)/|^scripts/(start|admin|toolchain)\.ts$|^temporal\.config\.ts$',
      },
      to: { dependencyTypes: ['npm-dev'], dynamic: false },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(docs|\\.temporal|\\.data|test/fixtures/sixth)/' },
    tsPreCompilationDeps: true,
    parser: 'tsc',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs'],
    },
  },
};
