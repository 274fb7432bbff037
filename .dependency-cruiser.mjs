// dependency-cruiser: no import cycles anywhere in the tree (run by `npm run lint`, see
// scripts/lint/no-cycles.test.ts for the proof that it catches one). Type-only imports count:
// a cycle of types still ties two modules' meaning together. Workspace packages are followed
// through their package.json exports into their sources (the symlinks in node_modules resolve
// to packages/* and apps/*), so a cycle across packages is found too; third-party code is not
// cruised.
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'an import cycle: move the shared part into a module both can import',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.tsx', '.mjs', '.js'],
    },
  },
};
