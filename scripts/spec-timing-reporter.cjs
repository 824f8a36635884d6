// A mocha reporter: mocha's own `spec` output, then the wall time of each spec file (its top-level
// suites, hooks included), slowest first. `npx mocha --reporter ./scripts/spec-timing-reporter.cjs`,
// or `npm run test:timing`. Used to decide which specs need what (issue 15).
'use strict';
const Mocha = require('mocha');
const path = require('node:path');

class SpecTimingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const started = new Map();
    const totals = new Map();
    runner.on('suite', (suite) => {
      if (suite.file && suite.parent && suite.parent.root) started.set(suite, process.hrtime.bigint());
    });
    runner.on('suite end', (suite) => {
      const t = started.get(suite);
      if (t === undefined) return;
      const file = path.relative(process.cwd(), suite.file);
      totals.set(file, (totals.get(file) ?? 0) + Number(process.hrtime.bigint() - t) / 1e9);
    });
    runner.once('end', () => {
      const rows = [...totals].sort((a, b) => b[1] - a[1]);
      const sum = rows.reduce((s, [, v]) => s + v, 0);
      console.log('\n| spec file | seconds | share |\n|---|---|---|');
      for (const [file, s] of rows) console.log(`| ${file} | ${s.toFixed(1)} | ${((100 * s) / sum).toFixed(0)}% |`);
      console.log(`| (all files) | ${sum.toFixed(1)} | |`);
    });
  }
}
module.exports = SpecTimingReporter;
