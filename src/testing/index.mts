// The ESM entry of `pyweakref/testing`: the same objects as its CommonJS build, which shares the one
// CommonJS copy of the library with `import 'pyweakref'` (no dual-package hazard). Named explicitly so
// that no CommonJS artefact (`__esModule`, `default`) becomes a public name; spec/testing.spec.ts
// checks that this list and index.ts export the same names.
export {
  assertCollected,
  assertNotCollected,
  isCollected,
  chaiPyweakref,
  assertNoLeak,
  measureLeak,
  LifetimeAssertionError,
  explainRetention,
} from './index.js';
export type {
  ChaiLike,
  ChaiUtilsLike,
  ChaiAssertionLike,
  LeakCheckOptions,
  LeakReport,
  LeakGrowth,
  LeakGrowthGroup,
  Watchable,
  RetainerOptions,
  RetentionReport,
  RetainerPath,
  RetainerStep,
  RetainerStepKind,
} from './index.js';
