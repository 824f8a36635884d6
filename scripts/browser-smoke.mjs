#!/usr/bin/env node
// The browser check: loads the browser build (dist/browser/pyweakref.mjs) in headless Chromium and
// runs the smoke suite of spec/browser/smoke.page.mjs in the page, in three launches:
//
//   gc    Chromium started with --js-flags=--expose-gc: gc.collect() works, the full suite runs;
//   nogc  a plain Chromium: gc.collect() must reject with the documented error, and callbacks must
//         still arrive after the engine's own collections;
//   esm   as gc, but the page imports the ES module build (dist/esm/index.js, built by `npm run
//         build`) as it is, one module per file, with no bundler and no import map.
//
// Chromium is Debian's (/usr/bin/chromium, installed by scripts/ensure-chromium.sh when absent),
// driven by playwright-core, which never downloads a browser. Pages are served from a node:http server
// on 127.0.0.1 with a random port. Exits non-zero when a test fails, the page throws, or a launch
// does not have the gc() it was started for.
//
// Usage: node scripts/browser-smoke.mjs [--json FILE]
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const executablePath = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const jsonOut = (() => {
  const i = process.argv.indexOf('--json');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();

function step(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`browser-smoke: ${cmd} ${args.join(' ')} failed`);
    process.exit(1);
  }
}

if (!existsSync(executablePath)) step('bash', [join(root, 'scripts', 'ensure-chromium.sh')]);
step(process.execPath, [join(root, 'scripts', 'build-browser.mjs')]);

/** The documented error of gc.collect() without a collector: messages.noGc(why), for any `why`. */
async function noGcMessage() {
  const out = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src', 'internal', 'messages.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`;
  const messages = await import(url);
  const marker = '\u0000why\u0000';
  const text = messages.noGc(marker);
  const at = text.indexOf(marker);
  return [text.slice(0, at), text.slice(at + marker.length)];
}

const hasTesting = existsSync(join(root, 'dist', 'browser', 'testing.mjs'));

/** The modules a page imports: the browser build's bundles, or the ES module build's entries. */
const BUILDS = {
  browser: { root: '/dist/browser/pyweakref.mjs', testing: '/dist/browser/testing.mjs' },
  esm: { root: '/dist/esm/index.js', testing: '/dist/esm/testing/index.js' },
};

function pageHtml(options) {
  // JSON in a script: escape '<' so no string in it can close the script element.
  const json = JSON.stringify(options).replace(/</g, '\\u003c');
  const build = BUILDS[options.build];
  return `<!doctype html>
<meta charset="utf-8">
<title>pyweakref browser smoke</title>
<script type="module">
import * as weakref from '${build.root}';
import { run } from '/spec/browser/smoke.page.mjs';
${hasTesting ? `import * as testing from '${build.testing}';` : 'const testing = undefined;'}
window.__smoke = run(weakref, { ...${json}, testing });
</script>
`;
}

/** Serves the test page and the files under dist/browser/, dist/esm/ and spec/browser/, nothing else. */
function serve(options) {
  const allowed = ['dist/browser', 'dist/esm', 'spec/browser'].map((d) => join(root, d) + sep);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageHtml(options));
      return;
    }
    const file = normalize(join(root, decodeURIComponent(path)));
    if (!allowed.some((dir) => file.startsWith(dir)) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = /\.m?js$/.test(file) ? 'text/javascript' : file.endsWith('.map') ? 'application/json' : 'text/plain';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => resolvePromise(server));
  });
}

async function launch(mode, build, noGc) {
  const options = { mode, build, noGcMessage: noGc };
  const server = await serve(options);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const userDataDir = mkdtempSync(join(tmpdir(), 'pyweakref-chromium-'));
  const args = mode === 'gc' ? [...FLAGS, '--js-flags=--expose-gc'] : FLAGS;
  const problems = [];
  const started = Date.now();
  let context;
  let results = [];
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args,
      timeout: 60000,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error in the page: ${m.text()}`);
    });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    await page.goto(url, { waitUntil: 'load' });
    const exposed = await page.evaluate(() => typeof globalThis.gc === 'function');
    if (exposed !== (mode === 'gc'))
      problems.push(`globalThis.gc is ${exposed ? '' : 'not '}exposed in the ${mode} launch`);
    await page.waitForFunction(() => window.__smoke !== undefined, undefined, { timeout: 30000 });
    results = await page.evaluate(() => window.__smoke);
  } catch (e) {
    problems.push(`launch failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await context?.close().catch(() => {});
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  return { mode, build, args, results, problems, seconds: (Date.now() - started) / 1000 };
}

const version = (() => {
  try {
    return execFileSync(executablePath, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
})();

const noGc = await noGcMessage();
const runs = [];
for (const [mode, build] of [
  ['gc', 'browser'],
  ['nogc', 'browser'],
  ['gc', 'esm'],
]) {
  runs.push(await launch(mode, build, noGc));
}

let failedAny = false;
const summaries = [];
for (const r of runs) {
  const flag = `${r.mode === 'gc' ? 'with --js-flags=--expose-gc' : 'without --expose-gc'}, ${r.build === 'esm' ? 'dist/esm/ unbundled' : 'dist/browser/'}`;
  console.log(`\n${version}, ${flag}:`);
  for (const t of r.results) {
    const mark = t.status === 'passed' ? '  ✔' : t.status === 'skipped' ? '  -' : '  ✖';
    console.log(
      `${mark} ${t.name}${t.detail ? ` (${t.status === 'passed' ? '' : `${t.status}: `}${t.detail})` : t.status === 'skipped' ? ' (skipped)' : ''}`,
    );
  }
  for (const p of r.problems) console.log(`  ✖ ${p}`);
  const count = (s) => r.results.filter((t) => t.status === s).length;
  const failed = count('failed') + r.problems.length + (r.results.length === 0 ? 1 : 0);
  if (failed > 0) failedAny = true;
  const summary = `${count('passed')} passed, ${failed} failed, ${count('skipped')} skipped`;
  summaries.push(`browser (${flag}): ${summary} in ${r.seconds.toFixed(1)} s`);
  r.summary = summary;
}
console.log('');
for (const s of summaries) console.log(s);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ chromium: version, runs }, null, 2));
process.exit(failedAny ? 1 : 0);
