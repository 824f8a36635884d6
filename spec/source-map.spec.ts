/**
 * Source maps, as messages use them to name the TypeScript line behind a generated position. The maps
 * are real: small snippets compiled by the `typescript` package, whose output moves lines around
 * (type-only imports and interfaces disappear), so a wrong decoding lands on the wrong line.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TS from 'typescript';
import { loadTypescript, releaseTypescript } from './support/typescript';
import { originalPosition } from '../src/internal/heap/source-map';

const SNIPPET = [
  "import type { Options } from './options';",
  '',
  'export interface Shape {',
  '  readonly kind: string;',
  '  area(): number;',
  '}',
  '',
  'type Pair = [number, number];',
  '',
  'export function area(size: Pair, options?: Options): number {',
  "  const label: string = 'marker-a';",
  '  return size[0] * size[1] + label.length;',
  '}',
  '',
  'export class Square implements Shape {',
  "  readonly kind = 'marker-b';",
  '  constructor(private readonly side: number) {}',
  '  area(): number {',
  '    return this.side ** 2;',
  '  }',
  '}',
].join('\n');

interface Compiled {
  js: string;
  map: string | undefined;
}

/** Loaded for this file only (see spec/support/typescript.ts). */
let ts: typeof TS;

function compile(options: TS.CompilerOptions, fileName = 'snippet.ts'): Compiled {
  const out = ts.transpileModule(SNIPPET, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, ...options },
    fileName,
  });
  return { js: out.outputText, map: out.sourceMapText };
}

/** The 0-based line and column of `needle` in `text`, which must hold it exactly once. */
function locate(text: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i] : []));
  expect(hits, `${needle} in ${text}`).to.have.length(1);
  return { line: hits[0], column: lines[hits[0]].indexOf(needle) };
}

function dataUrl(map: string): string {
  return 'data:application/json;charset=utf-8;base64,' + Buffer.from(map, 'utf8').toString('base64');
}

describe('JavaScript interop: source maps', () => {
  before(() => {
    ts = loadTypescript();
  });
  after(() => {
    ts = undefined as unknown as typeof TS;
    releaseTypescript();
  });
  let scratch: string;

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pyweakref-source-map-'));
  });

  after(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('should map lines moved by vanished imports, interfaces and type aliases back to the TypeScript line', () => {
    const { js, map } = compile({ sourceMap: true });
    const script = path.join(scratch, 'out', 'snippet.js');
    for (const [needle, marker] of [
      ['const label', "'marker-a'"],
      ['return size', 'return size'],
      ['return this.side', 'return this.side'],
    ]) {
      const generated = locate(js, needle);
      const original = locate(SNIPPET, marker);
      expect(generated.line, 'the generated line moved').to.not.equal(original.line);
      const column = js.split('\n')[generated.line].search(/\S/);
      expect(originalPosition(script, dataUrl(map!), generated.line, column)).to.deep.equal({
        file: path.join(scratch, 'out', 'snippet.ts'),
        line: original.line + 1,
        column: SNIPPET.split('\n')[original.line].search(/\S/) + 1,
      });
    }
  });

  it('should read the inline base64 data: URL that inlineSourceMap (and ts-node) append', () => {
    const { js } = compile({ inlineSourceMap: true });
    const url = /\/\/# sourceMappingURL=(data:\S+)/.exec(js)?.[1];
    expect(url).to.match(/^data:application\/json;base64,/);
    const generated = locate(js, 'return size');
    const position = originalPosition(path.join(scratch, 'inline.js'), url!, generated.line, generated.column);
    expect(position).to.deep.equal({
      file: path.join(scratch, 'snippet.ts'),
      line: locate(SNIPPET, 'return size').line + 1,
      column: 3,
    });
  });

  it('should use the last segment at or before the column, and the first of the line before any', () => {
    const { js, map } = compile({ sourceMap: true });
    const generated = locate(js, 'return size');
    const original = locate(SNIPPET, 'return size');
    const script = path.join(scratch, 'cols.js');
    // Inside `size[0]`: the segment that starts at `size` covers it.
    const inside = originalPosition(script, dataUrl(map!), generated.line, generated.column + 'return s'.length);
    expect(inside).to.deep.equal({
      file: path.join(scratch, 'snippet.ts'),
      line: original.line + 1,
      column: original.column + 'return '.length + 1,
    });
    // In the indentation before the statement: no segment starts there yet, so the first one answers.
    const before = originalPosition(script, dataUrl(map!), generated.line, 0);
    expect(before?.line).to.equal(original.line + 1);
  });

  it('should read a .map file named relatively, by path or by file: URL, and apply its sourceRoot', () => {
    const out = path.join(scratch, 'dist');
    fs.mkdirSync(out, { recursive: true });
    const { js, map } = compile({ sourceMap: true, sourceRoot: '../src/' }, 'square.ts');
    const script = path.join(out, 'square.js');
    fs.writeFileSync(script, js);
    fs.writeFileSync(script + '.map', map!);
    expect(js).to.include('//# sourceMappingURL=square.js.map');
    const generated = locate(js, "'marker-b'");
    // The field keeps its name but loses `readonly`: its segment points at `kind`, not at the line's start.
    const original = locate(SNIPPET, "kind = 'marker-b'");
    const expected = {
      file: path.join(scratch, 'src', 'square.ts'),
      line: original.line + 1,
      column: original.column + 1,
    };
    const column = js.split('\n')[generated.line].search(/\S/);
    expect(originalPosition(script, 'square.js.map', generated.line, column)).to.deep.equal(expected);
    expect(originalPosition(script, './square.js.map', generated.line, column)).to.deep.equal(expected);
    expect(originalPosition(pathToFileURL(script).href, 'square.js.map', generated.line, column)).to.deep.equal(
      expected,
    );
    expect(originalPosition('', script + '.map', generated.line, column)).to.deep.equal(expected);
    expect(originalPosition('', pathToFileURL(script + '.map').href, generated.line, column)).to.deep.equal(expected);
  });

  it('should keep a map it has read, so that a repeated lookup does not read the file again', () => {
    const { js, map } = compile({ sourceMap: true }, 'cached.ts');
    const script = path.join(scratch, 'cached.js');
    fs.writeFileSync(script + '.map', map!);
    const generated = locate(js, 'return size');
    const first = originalPosition(script, 'cached.js.map', generated.line, generated.column);
    expect(first?.file).to.equal(path.join(scratch, 'cached.ts'));
    fs.rmSync(script + '.map');
    expect(originalPosition(script, 'cached.js.map', generated.line, generated.column)).to.deep.equal(first);
    // The cache is bounded: after many other maps this one is gone, and the file with it.
    for (let i = 0; i < 200; i++) originalPosition(path.join(scratch, `other${i}.js`), dataUrl(map!), 0, 0);
    expect(originalPosition(script, 'cached.js.map', generated.line, generated.column)).to.equal(undefined);
  });

  it('should map through the sections of an index map', () => {
    const { js, map } = compile({ sourceMap: true });
    const index = {
      version: 3,
      sections: [
        { offset: { line: 0, column: 0 }, map: JSON.parse(map!) },
        { offset: { line: 100, column: 0 }, map: JSON.parse(map!) },
      ],
    };
    const generated = locate(js, 'return size');
    const expected = {
      file: path.join(scratch, 'snippet.ts'),
      line: locate(SNIPPET, 'return size').line + 1,
      column: 3,
    };
    const script = path.join(scratch, 'bundle.js');
    expect(originalPosition(script, dataUrl(JSON.stringify(index)), generated.line, generated.column)).to.deep.equal(
      expected,
    );
    expect(
      originalPosition(script, dataUrl(JSON.stringify(index)), generated.line + 100, generated.column),
    ).to.deep.equal(expected);
  });

  it('should return undefined for a position no mapping covers', () => {
    const { js, map } = compile({ sourceMap: true });
    const script = path.join(scratch, 'none.js');
    const lines = js.split('\n').length;
    expect(originalPosition(script, dataUrl(map!), lines + 10, 0)).to.equal(undefined);
    // A line with no segments, and a segment that names no source.
    const handMade = JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings: ';AAAA;C' });
    expect(originalPosition(script, dataUrl(handMade), 0, 0)).to.equal(undefined);
    expect(originalPosition(script, dataUrl(handMade), 1, 5)).to.deep.equal({
      file: path.join(scratch, 'a.ts'),
      line: 1,
      column: 1,
    });
    expect(originalPosition(script, dataUrl(handMade), 2, 5)).to.equal(undefined);
  });

  it('should return undefined, without throwing, for garbage', () => {
    const script = path.join(scratch, 'garbage.js');
    const cases: [string, string, number, number][] = [
      [script, '', 0, 0],
      [script, 'data:application/json;base64,!!!not base64!!!', 0, 0],
      [script, dataUrl('not json'), 0, 0],
      [script, dataUrl('null'), 0, 0],
      [script, dataUrl(JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'A*AA' })), 0, 0],
      [script, dataUrl(JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AA' })), 0, 0],
      [script, dataUrl(JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAg' })), 0, 0],
      [script, dataUrl(JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'ACAA' })), 0, 0],
      [script, dataUrl(JSON.stringify({ version: 3, sections: [{ offset: {}, map: null }] })), 0, 0],
      [script, 'data:no-comma', 0, 0],
      [script, 'missing.js.map', 0, 0],
      ['', 'relative.js.map', 0, 0],
      [script, 'https://example.com/x.js.map', 0, 0],
      [script, dataUrl(JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA' })), NaN, 0],
      [script, dataUrl(JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA' })), 0, -1],
      [undefined as unknown as string, null as unknown as string, 0, 0],
    ];
    for (const [scriptUrl, url, line, column] of cases) {
      expect(() => originalPosition(scriptUrl, url, line, column), url).to.not.throw();
      expect(originalPosition(scriptUrl, url, line, column), url).to.equal(undefined);
    }
  });
});
