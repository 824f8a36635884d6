/**
 * The links of README.md and docs/ lead somewhere: every relative link names a file that exists,
 * and every `#anchor` names a heading of its target (GitHub's anchors, which the porting guide
 * promises to keep stable). Mentions of `docs/<page>.md#anchor` in the source code and the specs
 * are checked the same way, so that a renamed heading cannot strand a comment that points at it.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { markdownFiles } from './markdown';
import { ROOT } from './run-ts';

/** GitHub's anchor for a heading (github-slugger): lower case, punctuation dropped, spaces to `-`. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file: its headings (numbered `-1`, `-2` when repeated) and `<a id>`s. */
export function anchorsOf(file: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading !== null) {
      const base = slug(heading[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  }
  return anchors;
}

/** The inline links `[text](target)` of a Markdown file, outside code blocks and code spans. */
function linksOf(file: string): Array<{ line: number; target: string }> {
  const out: Array<{ line: number; target: string }> = [];
  let fenced = false;
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, k) => {
      if (/^\s*(`{3,}|~{3,})/.test(line)) fenced = !fenced;
      if (fenced) return;
      const text = line.replace(/`[^`]*`/g, '``');
      for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ line: k + 1, target: m[1] });
    });
  return out;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|mts|mjs|cjs|js)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/**
 * The anchors of https://docs.python.org/3/library/weakref.html (Doc/library/weakref.rst, CPython
 * 3.14): the TSDoc `@see` links and the docs must land on one of them.
 */
const PYTHON_WEAKREF_ANCHORS = new Set([
  'module-weakref',
  'weakref.ref',
  'weakref.ref.__callback__',
  'weakref.proxy',
  'weakref.getweakrefcount',
  'weakref.getweakrefs',
  'weakref.WeakKeyDictionary',
  'weakref.WeakKeyDictionary.keyrefs',
  'weakref.WeakValueDictionary',
  'weakref.WeakValueDictionary.valuerefs',
  'weakref.WeakSet',
  'weakref.WeakMethod',
  'weakref.finalize',
  'weakref.finalize.__call__',
  'weakref.finalize.detach',
  'weakref.finalize.peek',
  'weakref.finalize.alive',
  'weakref.finalize.atexit',
  'weakref.ReferenceType',
  'weakref.ProxyType',
  'weakref.CallableProxyType',
  'weakref.ProxyTypes',
  'weakref-objects',
  'weak-reference-objects',
  'weakref-example',
  'example',
  'finalize-examples',
  'finalizer-objects',
  'comparing-finalizers-with-del-methods',
]);

describe('docs: links', function () {
  for (const file of markdownFiles()) {
    const name = path.relative(ROOT, file);
    it(`should resolve every relative link and anchor in ${name}`, function () {
      const broken: string[] = [];
      for (const { line, target } of linksOf(file)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [pathPart, anchor] = target.split('#');
        const resolved = pathPart === '' ? file : path.resolve(path.dirname(file), decodeURIComponent(pathPart));
        if (!fs.existsSync(resolved)) {
          broken.push(`${name}:${line}: ${target} (no such file)`);
          continue;
        }
        if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
          broken.push(`${name}:${line}: ${target} (no such heading)`);
        }
      }
      expect(broken, broken.join('\n')).to.deep.equal([]);
    });
  }

  it("should link only to sections that exist in Python's weakref documentation", function () {
    const broken: string[] = [];
    const files = [...markdownFiles(), ...['src', 'examples'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)))];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/docs\.python\.org\/3\/library\/weakref\.html#([\w.-]+)/g)) {
        if (!PYTHON_WEAKREF_ANCHORS.has(m[1])) broken.push(`${path.relative(ROOT, file)}: #${m[1]}`);
      }
    }
    expect(broken, broken.join('\n')).to.deep.equal([]);
  });

  it('should resolve every docs/<page>.md#anchor named in src/, spec/ and examples/', function () {
    const broken: string[] = [];
    for (const dir of ['src', 'spec', 'examples']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/\b(docs\/[\w./-]+\.md)(?:#([\w-]+))?/g)) {
          const target = path.join(ROOT, m[1]);
          const where = `${path.relative(ROOT, file)}: ${m[0]}`;
          // docs/porting-notes/ was merged into docs/porting-guide.md: a mention of it is stale. Other
          // missing pages are not reported here: a page may be on its way with the work that names it.
          if (m[1].startsWith('docs/porting-notes/')) broken.push(`${where} (merged into docs/porting-guide.md)`);
          else if (!fs.existsSync(target)) continue;
          else if (m[2] !== undefined && !anchorsOf(target).has(m[2])) broken.push(`${where} (no such heading)`);
        }
      }
    }
    expect(broken, broken.join('\n')).to.deep.equal([]);
  });
});
