// The bundler part of the packaging check (scripts/check-package.mjs), on the package installed from
// its tarball in the scratch consumer project, with esbuild for a browser (platform browser: the
// `import` condition, not `node`, so the ES module build in dist/esm/ and the `browser` field):
//
//  1. The whole API (`import * as w`, with pyweakref/testing): no warning, nothing of Node's, the bundle
//     runs and exports exactly the package's names.
//  2. The size a page pays for the common case, `import { ref, gc } from 'pyweakref'`, minified: at most
//     SIZE_LIMIT bytes (CONTRACT §15, issue 17), printed with its gzip size and largest modules; every
//     module in it comes from dist/esm/ (what tree-shaking needs), none from the heap-snapshot engine
//     (the `browser` field leaves it out), and the bundle runs: a callback and a WeakValueDictionary
//     entry go after `gc.collect()`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** `import { ref, gc } from 'pyweakref'`, minified for a browser, must not pass this many bytes. */
export const SIZE_LIMIT = 20_000;

/** The program whose bundle size is checked; run, it prints SMALL_OUTPUT. */
export const SMALL_ENTRY = `import { ref, gc } from 'pyweakref';
let o = {};
const events = [];
const r = ref(o, () => events.push('callback'));
o = undefined;
await gc.collect();
console.log(JSON.stringify({ dead: r() === undefined, events }));
`;

export const SMALL_OUTPUT = JSON.stringify({ dead: true, events: ['callback'] });

export async function checkBundles({ root, consumer, names, hasTesting, ok, bad, note, run }) {
  const { build } = await import(pathToFileURL(join(root, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
  const bundle = async (name, source, options = {}) => {
    const entry = join(consumer, `${name}-entry.mjs`);
    const outfile = join(consumer, `${name}.mjs`);
    writeFileSync(entry, source);
    const r = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
      metafile: true,
      ...options,
    });
    const imports = Object.values(r.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
    return { r, outfile, imports, warnings: r.warnings.map((w) => `warning: ${w.text}`) };
  };

  // 1. The whole API.
  try {
    const { outfile, imports, warnings } = await bundle(
      'bundle',
      [
        "import * as w from 'pyweakref';",
        hasTesting ? "import * as t from 'pyweakref/testing';" : 'const t = {};',
        'console.log(JSON.stringify({ root: Object.keys(w), testing: Object.keys(t) }));',
        '',
      ].join('\n'),
    );
    const out = run(process.execPath, [outfile], { cwd: consumer });
    const got = out.status === 0 ? JSON.parse(out.out) : undefined;
    // A module namespace lists its names sorted.
    const same = (a, b) => [...a].sort().join() === [...b].sort().join();
    const problems = [
      ...warnings,
      ...imports.map((i) => `the bundle imports ${i}`),
      ...(got === undefined ? [`the bundle did not run: ${out.out}`] : []),
      ...(got && !same(got.root, names.root) ? [`bundle exports ${got.root}, package ${names.root}`] : []),
      ...(got && !same(got.testing, names.testing)
        ? [`bundle testing exports ${got.testing}, package ${names.testing}`]
        : []),
    ];
    if (problems.length) bad('bundler (esbuild, platform browser) on the installed package', problems.join('\n'));
    else
      ok(
        `bundler: esbuild bundles the installed package for a browser with no warning and no Node import${hasTesting ? ' (with pyweakref/testing)' : ''}`,
      );
  } catch (e) {
    bad('bundler (esbuild, platform browser) on the installed package', e instanceof Error ? e.message : String(e));
  }

  // 2. The size of `import { ref, gc }`.
  try {
    const { r, outfile, imports, warnings } = await bundle('small', SMALL_ENTRY, { minify: true });
    const output = Object.values(r.metafile.outputs).find((o) => o.entryPoint !== undefined);
    const bytes = output.bytes;
    const gzip = gzipSync(readFileSync(outfile)).length;
    const inputs = Object.entries(output.inputs)
      .filter(([, i]) => i.bytesInOutput > 0)
      .map(([f, i]) => [f.replace(/^.*node_modules\/pyweakref\//, ''), i.bytesInOutput])
      .filter(([f]) => !f.endsWith('small-entry.mjs'));
    const notEsm = inputs.filter(([f]) => !f.startsWith('dist/esm/')).map(([f]) => f);
    const heap = inputs
      .filter(([f]) => /internal\/heap\/(?!availability|referrers-unavailable)/.test(f))
      .map(([f]) => f);
    const out = run(process.execPath, [outfile], { cwd: consumer });
    const ran = out.status === 0 && out.out === SMALL_OUTPUT;
    const problems = [
      ...warnings,
      ...imports.map((i) => `the bundle imports ${i}`),
      ...(bytes > SIZE_LIMIT ? [`${bytes} bytes minified, over the limit of ${SIZE_LIMIT}`] : []),
      ...notEsm.map((f) => `${f} is bundled: not from the ES module build (dist/esm/)`),
      ...heap.map((f) => `${f} is bundled: the heap-snapshot engine should be left out for a browser`),
      ...(ran ? [] : [`the bundle did not run as expected: ${out.out}`]),
    ];
    const largest = inputs
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([f, n]) => `${f.replace('dist/esm/', '')} ${n}`)
      .join(', ');
    const size = `${bytes} bytes minified (limit ${SIZE_LIMIT}), ${gzip} gzipped, ${inputs.length} modules`;
    if (problems.length) bad(`bundle size of import { ref, gc } from 'pyweakref': ${size}`, problems.join('\n'));
    else {
      ok(`bundle size: import { ref, gc } from 'pyweakref' (esbuild, platform browser): ${size}; it runs`);
      note(`largest: ${largest}`);
    }
  } catch (e) {
    bad("bundle size of import { ref, gc } from 'pyweakref'", e instanceof Error ? e.message : String(e));
  }
}
