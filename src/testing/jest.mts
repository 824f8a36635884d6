/**
 * `pyweakref/jest` (ES module entry, for Jest's ES module mode): the CommonJS entry does the work
 * (registration and declarations, see jest.ts); this one loads it, and its declarations through a reference.
 */
// The declarations of toBeCollected (jest.ts) enter the consumer's program through this reference,
// which TypeScript keeps in the emitted declarations (it drops an `import type {}`).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an import would be dropped from the declarations
/// <reference path="./jest.ts" preserve="true" />
import './jest.js';
