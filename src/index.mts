// The ESM entry: the same objects as the CommonJS build (no dual-package hazard). Named explicitly
// so that no CommonJS artefact (`__esModule`, `default`) becomes a public name; spec/package.spec.ts
// checks that this list and src/index.ts export exactly the same names.
export { ref, getweakrefcount, getweakrefs, ReferenceType, KeyedRef, KeyError, gc, sys } from './index.js';
