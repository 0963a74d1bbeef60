/**
 * Folder-level rules for `server/src` (run: `npm run lint:deps`; CI runs it after ESLint). docs/architecture.md
 * "Layers and folder rules" explains them; a rule that is not enforced yet is marked so here and there.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Two server folders that import each other (directly or through others) are one tangled unit: break the cycle.',
      severity: 'error',
      scope: 'folder',
      // Not enforced yet for one known cycle, whose folders are left out: phone <-> now-playing
      // (phone-verification.service.ts and now-playing-association.service.ts / now-playing-confirmations.service.ts use each other).
      // A cycle through any other folder is still caught from that folder; one between these two is not.
      from: { path: '^server/src/[^/]+', pathNot: '^server/src/(phone|now-playing)(/|$)' },
      to: { circular: true },
    },
    {
      name: 'http-is-the-roof',
      comment:
        'Only the roof imports http/: http/ itself, app/ (wiring, route registration), the entry points and the ' +
        'per-folder *.routes.ts files. Services, repositories, db/, blobs/, net/, realtime/, jobs/ never do.',
      severity: 'error',
      from: {
        path: '^server/src/',
        pathNot: ['^server/src/(http|app|scripts)/', '^server/src/main\\.ts$', '\\.routes\\.ts$'],
      },
      to: { path: '^server/src/http/' },
    },
    {
      name: 'common-is-the-floor',
      comment: 'common/ is what every layer needs: it imports nothing else of the server.',
      severity: 'error',
      from: { path: '^server/src/common/' },
      to: { path: '^server/src/', pathNot: '^server/src/common/' },
    },
    {
      name: 'no-server-internals-in-clients',
      comment: 'cli/ and sdk/ talk to the server over HTTP (the sdk); they do not import its source.',
      severity: 'error',
      from: { path: '^(cli|sdk)/' },
      to: { path: '^server/src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/'] },
    tsPreCompilationDeps: true,
    // TypeScript's own resolution, so `./x.js` finds `./x.ts` as tsc does.
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
