// The ESM entry of `pyweakref/testing/mocha-hooks`: the object of its CommonJS build, which shares the
// one CommonJS copy of the library with `import 'pyweakref'` (no dual-package hazard), as
// src/testing/index.mts does for `pyweakref/testing`.
export { mochaHooks } from './mocha-hooks.js';
