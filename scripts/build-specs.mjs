// Compiles the specs and the sources they import (src/, spec/, examples/, scripts/cpython-coverage.ts) to
// .spec-build/, one file at a time with TypeScript's transpileModule: the same JavaScript tsc emits
// (the project sets isolatedModules), with source maps, in a few seconds and without type checking,
// which `npm run typecheck` does. `npm test` runs the compiled specs in plain node: under ts-node every
// gc.collect() pays for the compiler's heap. Files older than their output are skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.spec-build');
// examples/: spec/docs/signal-dispatcher.spec.ts tests the Signal class of examples/signal-dispatcher.ts.
const inputs = ['src', 'spec', 'examples', path.join('scripts', 'cpython-coverage.ts')];

const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
const compilerOptions = { ...options, sourceMap: true, noEmit: false };

function* tsFiles(rel) {
  const abs = path.join(root, rel);
  if (fs.statSync(abs).isFile()) {
    yield rel;
    return;
  }
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) yield* tsFiles(child);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield child;
  }
}

let compiled = 0;
let skipped = 0;
for (const input of inputs) {
  for (const rel of tsFiles(input)) {
    const source = path.join(root, rel);
    const js = path.join(out, rel.replace(/\.ts$/, '.js'));
    if (fs.existsSync(js) && fs.statSync(js).mtimeMs >= fs.statSync(source).mtimeMs) {
      skipped++;
      continue;
    }
    const result = ts.transpileModule(fs.readFileSync(source, 'utf8'), { compilerOptions, fileName: source });
    const map = JSON.parse(result.sourceMapText);
    // Sources relative to the map, so that stack traces and retainer paths name the .ts file.
    map.sources = [path.relative(path.dirname(js), source).split(path.sep).join('/')];
    map.sourceRoot = '';
    fs.mkdirSync(path.dirname(js), { recursive: true });
    fs.writeFileSync(js, result.outputText);
    fs.writeFileSync(`${js}.map`, JSON.stringify(map));
    compiled++;
  }
}
// Outputs whose source is gone (a renamed or deleted spec) would still be run by mocha: remove them.
let removed = 0;
function prune(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) prune(abs);
    else if (entry.name.endsWith('.js')) {
      const source = path.join(root, path.relative(out, abs)).replace(/\.js$/, '.ts');
      if (!fs.existsSync(source)) {
        fs.rmSync(abs);
        fs.rmSync(`${abs}.map`, { force: true });
        removed++;
      }
    }
  }
}
if (fs.existsSync(out)) prune(out);
console.log(`build-specs: ${compiled} compiled, ${skipped} up to date, ${removed} removed (.spec-build/)`);
