#!/usr/bin/env node
// The ES module build: dist/esm/, one ES module per source module, for bundlers, Deno and browsers
// (CONTRACT §15). Node itself never loads it through the package name: package.json's `node`
// condition sends both `import` and `require` to the CommonJS build, so that they share one copy of
// every class and table (docs/browsers.md explains the choice).
//
// Why one file per module rather than a bundle: a bundler then sees the same module graph as the
// sources and drops whole modules that the user's imports never reach (`sideEffects` in
// package.json says which few modules must stay). The heap-snapshot engine of `gc.get_referrers()`
// is replaced by a stand-in (STAND_INS below).
//
// How: TypeScript's `transpileModule` per file (the same compiler and target as the CommonJS build,
// no type information needed: the sources are written for `isolatedModules`), with one transform:
// relative specifiers get the explicit file name an ES module loader needs (`./ref` → `./ref.js`,
// `./internal/heap` → `./internal/heap/index.js`). Type-only imports vanish as they do in the
// CommonJS build. The `.mts` files are the CommonJS build's ES wrappers; here the `.ts` modules are
// the ES modules, so the wrappers are not compiled.
//
// Declarations: the CommonJS build's (dist/**/*.d.ts, from the same sources) copied beside each module
// with the same specifier rewrite, and each module names its own (`// @ts-self-types`, which Deno
// reads: a file import of dist/esm/index.js, vendored or not, is typed; TypeScript finds the sibling
// .d.ts by itself).
//
// Usage: node scripts/build-esm.mjs, after `tsc -p tsconfig.build.json` (`npm run build` runs both).
// Fails on any specifier it cannot resolve to a source file.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');
const outDir = join(root, 'dist', 'esm');

/** Every `.ts` source under src/ (not the `.mts` wrappers, not declarations). */
function sources(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

const problems = [];

/**
 * Modules the ES module build's code imports in place of others (the declarations keep the originals,
 * so the types are the same). The heap-snapshot engine behind `gc.get_referrers()` needs Node.js's
 * `node:inspector` in the same process, and nothing that loads this build has it: Node.js loads the
 * CommonJS build (package.json's `node` condition), and pages, Deno and web bundles cannot take a
 * snapshot of themselves. Its stand-in rejects as the engine does where it cannot run, and keeps
 * about 14 kB (minified) out of every bundle that uses `gc`.
 */
const STAND_INS = { 'internal/heap/referrers': 'internal/heap/referrers-unavailable' };

/**
 * `./ref` from `src/x.ts` → `./ref.js`; a folder → `./folder/index.js`. `ext` is the extension of the
 * files that `fromFile`'s folder holds: `.ts` for a source, `.d.ts` for a declaration in dist/.
 */
function withExtension(specifier, fromFile, ext = '.ts') {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier;
  let bare = specifier.replace(/\.js$/, '').replace(/\/$/, '');
  let base = resolve(dirname(fromFile), bare);
  const standIn = ext === '.ts' ? STAND_INS[relative(srcDir, base).split(sep).join('/')] : undefined;
  if (standIn !== undefined) {
    base = join(srcDir, standIn);
    bare = relative(dirname(fromFile), base).split(sep).join('/');
    if (!bare.startsWith('.')) bare = `./${bare}`;
  }
  if (existsSync(`${base}${ext}`)) return `${bare}.js`;
  if (existsSync(join(base, `index${ext}`))) return `${bare}/index.js`;
  problems.push(`${relative(root, fromFile)}: cannot resolve '${specifier}' to a source file`);
  return specifier;
}

/** The transform: rewrites the specifier of every import, export-from and dynamic `import()`. */
function rewriteSpecifiers(fileName, ext) {
  return (context) => {
    const f = context.factory;
    const visit = (node) => {
      if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        const next = f.createStringLiteral(withExtension(node.moduleSpecifier.text, fileName, ext));
        return ts.isImportDeclaration(node)
          ? f.updateImportDeclaration(node, node.modifiers, node.importClause, next, node.attributes)
          : f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, next, node.attributes);
      }
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments.length === 1 &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        const next = f.createStringLiteral(withExtension(node.arguments[0].text, fileName, ext));
        return f.updateCallExpression(node, node.expression, node.typeArguments, [next]);
      }
      // `import('./ref').RefCallback` in a declaration.
      if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        ts.isStringLiteral(node.argument.literal)
      ) {
        const next = f.createLiteralTypeNode(
          f.createStringLiteral(withExtension(node.argument.literal.text, fileName, ext)),
        );
        return f.updateImportTypeNode(
          node,
          next,
          node.attributes,
          node.qualifier,
          ts.visitNodes(node.typeArguments, visit, ts.isTypeNode),
          node.isTypeOf,
        );
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (sourceFile) => ts.visitNode(sourceFile, visit);
  };
}

/** dist/x.d.ts → dist/esm/x.d.ts with the specifiers rewritten; a missing one is a problem. */
function writeDeclaration(from, to) {
  if (!existsSync(from)) {
    problems.push(`${relative(root, from)} is missing: run tsc -p tsconfig.build.json first`);
    return;
  }
  const source = ts.createSourceFile(from, readFileSync(from, 'utf8'), ts.ScriptTarget.ES2022, true);
  const result = ts.transform(source, [rewriteSpecifiers(from, '.d.ts')]);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  // The CommonJS build's map comment would point at the wrong place from here.
  writeFileSync(to, printer.printFile(result.transformed[0]).replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'));
  result.dispose();
}

rmSync(outDir, { recursive: true, force: true });
const files = sources(srcDir);
for (const file of files) {
  const out = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      isolatedModules: true,
      sourceMap: true,
      // The map points at ../../src/*.ts (the package ships src/), as the CommonJS build's maps do.
      inlineSources: false,
      removeComments: false,
    },
    transformers: { before: [rewriteSpecifiers(file, '.ts')] },
  });
  const rel = relative(srcDir, file).replace(/\.ts$/, '.js');
  const target = join(outDir, rel);
  mkdirSync(dirname(target), { recursive: true });
  const map = JSON.parse(out.sourceMapText);
  map.file = rel.split(sep).pop();
  map.sources = [relative(dirname(target), file).split(sep).join('/')];
  // One line is prepended below (the @ts-self-types comment): the map starts one line later.
  map.mappings = `;${map.mappings}`;
  const declaration = rel.replace(/\.js$/, '.d.ts');
  const name = declaration.split(sep).pop();
  writeFileSync(target, `// @ts-self-types="./${name}"\n${out.outputText}`);
  writeFileSync(`${target}.map`, JSON.stringify(map));
  writeDeclaration(join(root, 'dist', declaration), join(outDir, declaration));
}
if (problems.length > 0) {
  console.error(`build-esm: ${problems.join('\n  ')}`);
  process.exit(1);
}
// The folder is ES modules whatever the package's own `type` says (it is `commonjs`). Bundlers read
// `sideEffects` from the nearest package.json, this one: every module is free of side effects except
// the runner matcher entries, whose import registers the matcher (the same list as the root's).
const rootSideEffects = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).sideEffects;
const sideEffects = rootSideEffects
  .filter((p) => p.startsWith('./dist/esm/'))
  .map((p) => `./${p.slice('./dist/esm/'.length)}`);
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module', sideEffects }, null, 2)}\n`);
console.log(`build-esm: ${files.length} modules in dist/esm/`);
