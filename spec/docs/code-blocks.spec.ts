/**
 * The code blocks of README.md and docs/ that claim to run do run, so no example in the docs can
 * rot (issue 7). The markers are described in ./markdown.ts:
 *
 * - a ```ts block after `<!-- runnable -->` is type-checked under the project's strict settings and
 *   run in a child `node` process; it must exit with 0 (and print exactly the text the marker gives,
 *   if it gives one);
 * - a block after `<!-- from: examples/x.ts#region -->` must be an exact copy of that region of the
 *   example, which examples.spec.ts runs.
 *
 * The runnable blocks are written to a scratch directory directly under the repository root
 * (`.doc-blocks-*`, git-ignored, removed afterwards), so that `import 'pyweakref'` can be pointed at
 * src/ and `import { expect } from 'chai'` resolves from the project's node_modules.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';
import { loadTypescript, releaseTypescript } from '../support/typescript';
import { codeBlocks, markdownFiles, regionOf, toRunnableModule, type CodeBlock } from './markdown';
import { ROOT, describeRun, runProcess, runTs } from './run-ts';

/** Whether this spec runs compiled (`npm test`, .spec-build/) rather than under ts-node. */
const COMPILED = __filename.endsWith('.js');

const blocks = markdownFiles().flatMap((file) => codeBlocks(file));
const isRunnable = (b: CodeBlock): boolean => /^runnable\b/.test(b.marker ?? '') || b.flags.includes('runnable');
const runnable = blocks.filter(isRunnable);
const copies = blocks.filter((b) => /^from:/.test(b.marker ?? ''));
const where = (b: CodeBlock): string => `${b.file}:${b.line}`;

/** The stdout a runnable block must print exactly, if its marker gives one. */
function expectedOutput(b: CodeBlock): string | undefined {
  const text = (b.marker ?? '').replace(/^runnable\b/, '').trim();
  return text === '' ? undefined : `${text}\n`;
}

describe('docs: code blocks in README.md and docs/', function () {
  this.timeout(180_000);
  let dir = '';
  const files = new Map<CodeBlock, string>();

  // Loaded for this file only (see spec/support/typescript.ts).
  let ts: typeof TS;
  before(() => {
    ts = loadTypescript();
  });
  after(() => {
    ts = undefined as unknown as typeof TS;
    releaseTypescript();
  });

  /** The project's compiler options (tsconfig.json), with an inline source map for readable stacks. */
  function transpileOptions(): TS.CompilerOptions {
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    return { ...parsed.options, inlineSourceMap: true, sourceMap: false, noEmit: false };
  }

  before(function () {
    dir = fs.mkdtempSync(path.join(ROOT, '.doc-blocks-'));
    runnable.forEach((b, k) => {
      const name = `${path.basename(b.file, '.md')}-line-${b.line}-${k}.ts`;
      const file = path.join(dir, name);
      const source = `// ${where(b)}\n${toRunnableModule(b.code)}`;
      fs.writeFileSync(file, source);
      if (COMPILED) {
        // Run as ts-node would run it (transpile only, the project's options) against the compiled
        // library this run uses, without starting ts-node in each child: its start-up was most of this
        // file's time. The .ts files are still type-checked below.
        const js = ts.transpileModule(source, { compilerOptions: transpileOptions(), fileName: file });
        const text = js.outputText.replace(/(["'])\.\.\/src(\/testing)?\1/g, "'../.spec-build/src$2'");
        fs.writeFileSync(file.replace(/\.ts$/, '.js'), text);
      }
      files.set(b, file);
    });
  });

  after(function () {
    if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  });

  it('should find runnable blocks in the README and in the docs', function () {
    expect(
      runnable.filter((b) => b.file === 'README.md'),
      'README.md',
    ).not.to.be.empty;
    expect(
      runnable.filter((b) => b.file.startsWith('docs')),
      'docs/',
    ).not.to.be.empty;
  });

  it('should mark only TypeScript blocks as runnable', function () {
    for (const b of runnable) expect(['ts', 'typescript'], where(b)).to.include(b.lang);
  });

  it('should type-check every runnable block under the project settings (strict)', function () {
    const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
    const program = ts.createProgram([...files.values()], { ...parsed.options, noEmit: true });
    const ours = new Set([...files.values()].map((f) => path.resolve(f)));
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && ours.has(path.resolve(d.file.fileName)))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        const source = d.file!.text.split('\n')[line].trim();
        return `${d.file!.text.split('\n')[0].slice(3)} (${source}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  for (const b of runnable) {
    it(`should run the block at ${where(b)}`, async function () {
      const file = files.get(b)!;
      const result = COMPILED
        ? await runProcess(process.execPath, ['--enable-source-maps', file.replace(/\.ts$/, '.js')])
        : await runTs(file);
      expect(result.code, describeRun(where(b), result)).to.equal(0);
      const expected = expectedOutput(b);
      if (expected !== undefined) expect(result.stdout, where(b)).to.equal(expected);
    });
  }

  for (const b of copies) {
    const target = b.marker!.replace(/^from:\s*/, '').trim();
    it(`should keep the block at ${where(b)} identical to ${target}`, function () {
      const [file, region] = target.split('#');
      expect(b.code, `${where(b)} differs from ${target}`).to.equal(regionOf(file, region));
    });
  }
});
