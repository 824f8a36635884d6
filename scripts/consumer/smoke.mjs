// `import` side of the package smoke test (see smoke-body.cjs), plus the no-dual-package-hazard check:
// `import` and `require` must give the very same objects (CONTRACT §1), for pyweakref/testing too.
import { createRequire } from 'node:module';
import * as w from 'pyweakref';

const require = createRequire(import.meta.url);
const smoke = require('./smoke-body.cjs');
const withTesting = process.argv[2] === 'testing';
const t = withTesting ? await import('pyweakref/testing') : undefined;
let failed = 0;

function sameObjects(label, esm, cjs) {
  const esmNames = Object.keys(esm).sort();
  const cjsNames = Object.keys(cjs).sort();
  const different = esmNames.filter((n) => esm[n] !== cjs[n]);
  if (esmNames.join() !== cjsNames.join() || different.length > 0) {
    failed++;
    console.log(
      `  ✖ [import] ${label}: import and require differ (import: ${esmNames}; require: ${cjsNames}; not identical: ${different})`,
    );
  } else {
    console.log(`  ✔ [import] ${label}: import and require give the same ${esmNames.length} objects`);
  }
}

sameObjects('pyweakref', w, require('pyweakref'));
if (t) sameObjects('pyweakref/testing', t, require('pyweakref/testing'));
failed += await smoke('import', w, t);

if (t && typeof t.chaiPyweakref === 'function') {
  // chai (ESM-only since chai 5) is linked in from the project's devDependencies.
  try {
    const chai = await import('chai');
    chai.use(t.chaiPyweakref);
    await chai.expect(() => ({})).to.be.collected;
    const kept = {};
    await chai.expect(w.ref(kept)).not.to.be.collected;
    let threw = false;
    try {
      await chai.expect(w.ref(kept)).to.be.collected;
    } catch (e) {
      threw = e instanceof chai.AssertionError;
    }
    if (!threw) throw new Error('expect(kept).to.be.collected did not fail with chai.AssertionError');
    console.log('  ✔ [import] testing: chai.use(chaiPyweakref), expect(x).to.be.collected');
  } catch (e) {
    failed++;
    console.log(`  ✖ [import] testing: chai plugin: ${e.message}`);
  }
}
process.exitCode = failed ? 1 : 0;
