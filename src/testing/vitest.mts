/**
 * `pyweakref/vitest` (ES module entry, what a Vitest setup file's `import 'pyweakref/vitest'` loads):
 * registers `expect(subject).toBeCollected()` with the `expect` of 'vitest', the way Vitest documents
 * for setup files, and declares it on Vitest's assertions (vitest.ts holds the declaration). See vitest.ts for the CommonJS entry.
 *
 * 'vitest' is imported here only: this module is loaded by Vitest's setup files, where 'vitest' is
 * always installed. The matcher itself (matchers.js) shares the one CommonJS copy of the library with
 * `import 'pyweakref'`.
 */
// The declaration of toBeCollected (a global one, see vitest.ts) enters the consumer's program through
// this reference, which TypeScript keeps in the emitted declarations (it drops an `import type {}`).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an import would be dropped from the declarations
/// <reference path="./vitest.ts" preserve="true" />
import { expect } from 'vitest';
import { registerMatchers } from './matchers.js';

registerMatchers(expect, 'vitest');
