/**
 * Reads the fenced code blocks of the Markdown docs and the marker comment in front of each, for
 * code-blocks.spec.ts.
 *
 * A block opts in with an HTML comment (invisible on GitHub and in TypeDoc) on the line right
 * before its opening fence:
 *
 * - `<!-- runnable -->`: a ```ts block that runs as it stands (after its `pyweakref` imports are
 *   pointed at src/). Text after the word `runnable`, up to `-->`, is the exact stdout it must print.
 * - `<!-- from: examples/object-cache.ts#script -->`: the block is a copy of that region of the file
 *   (the lines between `// #region script` and `// #endregion script`, or `# region` / `# endregion`
 *   in Python), and must stay identical to it. Without `#region`, the whole file.
 *
 * Unmarked blocks are illustrations (fragments, Python, shell) and are not run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './run-ts';

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The first word of the info string (`ts`, `python`, `sh`, ...), lower-cased. */
  lang: string;
  /** The other words of the info string. */
  flags: string[];
  /** The text between the fences, de-indented by the fence's indentation, ending with a newline. */
  code: string;
  /** The marker comment in front of the fence, without `<!--` and `-->`, or `undefined`. */
  marker: string | undefined;
}

/** Every Markdown file that documents the library: README.md and docs/ (not the generated docs/api/). */
export function markdownFiles(): string[] {
  const out = [path.join(ROOT, 'README.md')];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join(ROOT, 'docs', 'api')) walk(full);
      } else if (entry.name.endsWith('.md')) out.push(full);
    }
  };
  walk(path.join(ROOT, 'docs'));
  return out.sort();
}

/** The fenced code blocks of one Markdown file. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]);
    if (open === null) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j]);
      if (close !== null && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    const [lang = '', ...flags] = info.trim().split(/\s+/).filter(Boolean);
    blocks.push({
      file: path.relative(ROOT, file),
      line: i + 1,
      lang: lang.toLowerCase(),
      flags,
      code: body.length === 0 ? '' : `${body.join('\n')}\n`,
      marker: markerBefore(lines, i),
    });
    i = j;
  }
  return blocks;
}

/** The HTML comment ending on the last non-blank line before line `i`, if there is one. */
function markerBefore(lines: string[], i: number): string | undefined {
  let end = i - 1;
  while (end >= 0 && lines[end].trim() === '') end--;
  if (end < 0 || !lines[end].trimEnd().endsWith('-->')) return undefined;
  let start = end;
  while (start >= 0 && !lines[start].includes('<!--')) start--;
  if (start < 0) return undefined;
  const text = lines.slice(start, end + 1).join('\n');
  return text.slice(text.indexOf('<!--') + 4, text.lastIndexOf('-->')).trim();
}

/** The lines of `file` between `#region name` and `#endregion name` (or the whole file). */
export function regionOf(file: string, region: string | undefined): string {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  if (region === undefined) return text;
  const lines = text.split(/\r?\n/);
  const isMark = (line: string, word: string): boolean =>
    new RegExp(`^\\s*(//|#)\\s*#?${word}\\s+${region.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`).test(line);
  const start = lines.findIndex((line) => isMark(line, 'region'));
  const end = lines.findIndex((line, k) => k > start && isMark(line, 'endregion'));
  if (start < 0 || end < 0) throw new Error(`${file} has no region '${region}'`);
  return `${lines.slice(start + 1, end).join('\n')}\n`;
}

/**
 * Turns a runnable ```ts block into a file that runs from a directory directly under the
 * repository root: `pyweakref` imports point at src/, and everything but the imports goes into an
 * async `main()`, so that top-level `await` works in the CommonJS output that ts-node produces.
 */
export function toRunnableModule(code: string): string {
  const rewritten = code
    .replace(/(['"])pyweakref\/testing\1/g, "'../src/testing'")
    .replace(/(['"])pyweakref\1/g, "'../src'");
  const imports: string[] = [];
  const body: string[] = [];
  const lines = rewritten.split('\n');
  for (let k = 0; k < lines.length; k++) {
    if (!/^import\s/.test(lines[k])) {
      body.push(lines[k]);
      continue;
    }
    // An import statement, possibly over several lines: up to the line that names the module.
    let statement = lines[k];
    while (!/(from\s+['"][^'"]+['"]|^import\s+['"][^'"]+['"])\s*;?\s*$/.test(statement) && k + 1 < lines.length) {
      statement += `\n${lines[++k]}`;
    }
    imports.push(statement);
  }
  return [
    ...imports,
    'async function main(): Promise<void> {',
    ...body.map((line) => (line === '' ? '' : `  ${line}`)),
    '}',
    'main().catch((err) => {',
    '  console.error(err);',
    '  process.exitCode = 1;',
    '});',
    'export {};',
    '',
  ].join('\n');
}
