/**
 * The house's arrows (docs/ARCHITECTURE.md): bot -> cards -> rules, adapters -> rules, cli -> adapters and
 * rules. rules/ imports nothing of ours and does no I/O; only bot/wiring/ knows the Teams SDK.
 * `npm run lint` runs this; a broken arrow fails `npm test`.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'rules-are-pure',
      comment: 'rules/ is the pure heart: it imports only rules/ and zod, never an edge of ours.',
      severity: 'error',
      from: { path: '^rules/' },
      to: { path: '^(adapters|cards|bot|cli|bench|test|appPackage)/' },
    },
    {
      name: 'rules-do-no-io',
      comment: 'rules/ takes its inputs as values: no file system, network, process or clock modules.',
      severity: 'error',
      from: { path: '^rules/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster|os|readline)$',
      },
    },
    {
      name: 'rules-need-only-zod',
      comment: 'rules/ is usable as a library on its own: zod is its one package.',
      severity: 'error',
      from: { path: '^rules/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: 'node_modules/zod/',
      },
    },
    {
      name: 'rules-through-their-index',
      comment:
        'bot/, cards/, adapters/ and cli/ use the rules through their public API, rules/index.ts, so what rules/ keeps private can change without touching them.',
      severity: 'error',
      from: { path: '^(bot|cards|adapters|cli)/' },
      to: { path: '^rules/', pathNot: '^rules/index[.]ts$' },
    },
    {
      name: 'cards-show-rules-only',
      comment: 'cards/ fill templates from rules/ values and their own types; they never reach into bot/ or adapters/.',
      severity: 'error',
      from: { path: '^cards/' },
      to: { path: '^(adapters|bot|cli)/' },
    },
    {
      name: 'adapters-point-at-rules',
      comment: 'adapters/ are edges onto rules/; the bot and the cards sit above them.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^(bot|cards|cli)/' },
    },
    {
      name: 'cli-is-not-the-bot',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^bot/' },
    },
    {
      name: 'teams-sdk-only-in-wiring',
      comment:
        'Only bot/wiring/ may know botbuilder or teams-ai, so the platform can be swapped (DESIGN, "The shape").',
      severity: 'error',
      from: { path: '^(rules|adapters|cards|cli|bot)/', pathNot: '^bot/wiring/' },
      to: { path: 'node_modules/(botbuilder[^/]*|@microsoft/teams-ai|botframework-[^/]*)/' },
    },
    {
      name: 'no-production-import-of-tests',
      severity: 'error',
      from: { path: '^(rules|adapters|cards|bot|cli)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'findings-oracle-is-for-tests',
      comment:
        "The plain per-pupil findings (test/oracle/) are the tests' oracle, not a second production path: the engine answers every caller.",
      severity: 'error',
      from: { path: '^(rules|adapters|cards|bot|cli|bench)/' },
      to: { path: '^test/oracle/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(rules|adapters|cards|bot|cli)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '^appPackage/build/' },
  },
};
