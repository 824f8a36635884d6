'use strict';
// `require` side of the package smoke test (see smoke-body.cjs). argv[2] === 'testing' when the
// package has pyweakref/testing.
const smoke = require('./smoke-body.cjs');
const w = require('pyweakref');
const t = process.argv[2] === 'testing' ? require('pyweakref/testing') : undefined;
smoke('require', w, t).then((failed) => {
  process.exitCode = failed ? 1 : 0;
});
