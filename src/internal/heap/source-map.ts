/**
 * Mapping a position in generated JavaScript back to the TypeScript the user wrote, so that messages
 * which name a file and line point at the source, not at ts-node's or tsc's output.
 *
 * Source Map v3 is decoded here rather than with a package: the library has no dependencies, and the
 * part needed (the base64 VLQ `mappings`, `sourceRoot`, index maps) is small. Files are read through
 * `process.getBuiltinModule` (as force-gc.ts does), so no bundler ever sees a static import of a node:
 * module; outside Node only `data:` URLs can be read. Nothing here throws: a message without a source
 * line is better than a failed explanation.
 */

/** A position in an original source file: 1-based line and column, `file` as the map names it (resolved against the map's location when relative; file:// URLs turned into paths). */
export interface OriginalPosition {
  file: string;
  line: number;
  column: number;
}

/** One decoded map: per generated line, four ints a segment (generated column, source or -1, line, column). */
interface FlatMap {
  readonly kind: 'flat';
  readonly sources: readonly unknown[];
  readonly root: string;
  readonly base: string | undefined;
  readonly lines: readonly Int32Array[];
}
interface IndexMap {
  readonly kind: 'index';
  readonly sections: readonly { line: number; column: number; map: FlatMap }[];
}
type ParsedMap = FlatMap | IndexMap;

interface NodeModules {
  fs: { readFileSync(path: string, encoding: 'utf8'): string };
  path: { isAbsolute(p: string): boolean };
  url: { fileURLToPath(url: string): string; pathToFileURL(path: string): URL };
}

// A suite may name thousands of scripts over its run and each decoded map holds the whole mapping
// table: keep the most recently used few (a Map iterates in insertion order, so re-inserting on every
// hit makes the first key the least recently used), enough for the scripts one message names.
const CACHE_LIMIT = 64;
const cache = new Map<string, ParsedMap | null>();

let node: NodeModules | null | undefined;

function nodeModules(): NodeModules | null {
  if (node === undefined) {
    node = null;
    try {
      const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
      if (typeof proc?.getBuiltinModule === 'function') {
        const get = proc.getBuiltinModule.bind(proc);
        node = { fs: get('fs'), path: get('path'), url: get('url') } as NodeModules;
      }
    } catch {
      // Not Node after all: only data: URLs.
    }
  }
  return node;
}

/**
 * Maps (line, column), both 0-based as V8 reports them, in the script whose source map is `sourceMapURL`
 * (as V8's Debugger.scriptParsed gives it: often `data:application/json;charset=utf-8;base64,...` from ts-node,
 * or a relative/absolute path or file:// URL of a `.map` file next to `scriptUrl`), to the original position.
 * Returns undefined when there is no map, it cannot be read or parsed, or no mapping covers the position.
 * Never throws.
 */
export function originalPosition(
  scriptUrl: string,
  sourceMapURL: string,
  line: number,
  column: number,
): OriginalPosition | undefined {
  try {
    if (typeof sourceMapURL !== 'string' || sourceMapURL === '' || typeof scriptUrl !== 'string') return undefined;
    if (!Number.isInteger(line) || !Number.isInteger(column) || line < 0 || column < 0) return undefined;
    // The script is part of the key: a relative map URL, and relative sources in a data: URL, mean
    // different files for different scripts.
    const key = scriptUrl + '\n' + sourceMapURL;
    let map = cache.get(key);
    if (map === undefined) map = load(scriptUrl, sourceMapURL);
    cache.delete(key);
    cache.set(key, map);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    return map === null ? undefined : lookup(map, line, column);
  } catch {
    return undefined;
  }
}

function load(scriptUrl: string, sourceMapURL: string): ParsedMap | null {
  try {
    let text: string;
    let base: string | undefined;
    if (/^data:/i.test(sourceMapURL)) {
      text = decodeDataUrl(sourceMapURL);
      base = resolveUrl(scriptUrl, undefined); // an inline map's sources are relative to its script
    } else {
      const n = nodeModules();
      base = resolveUrl(sourceMapURL, resolveUrl(scriptUrl, undefined));
      if (n === null || base === undefined || !base.startsWith('file:')) return null;
      text = n.fs.readFileSync(n.url.fileURLToPath(base), 'utf8');
    }
    // Maps served to browsers may start with an XSSI guard line, which the spec says to skip.
    if (text.startsWith(")]}'")) text = text.slice(text.indexOf('\n') + 1);
    return parse(JSON.parse(text), base);
  } catch {
    return null;
  }
}

function decodeDataUrl(url: string): string {
  const comma = url.indexOf(',');
  if (comma < 0) throw new Error('malformed data: URL');
  const body = url.slice(comma + 1);
  const params = url.slice(5, comma).toLowerCase().split(';');
  if (!params.some((p) => p.trim() === 'base64')) return decodeURIComponent(body);
  // atob and TextDecoder rather than Buffer: they exist in browsers too. The map is UTF-8.
  const binary = atob(decodeURIComponent(body));
  return new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
}

/** `ref` as an absolute URL: a URL as is, an absolute path as a file: URL, else against `base`. */
function resolveUrl(ref: string, base: string | undefined): string | undefined {
  const n = nodeModules();
  // A scheme has at least two letters, so `C:\dir` is a Windows path, not a URL.
  if (n !== null && n.path.isAbsolute(ref)) return n.url.pathToFileURL(ref).href;
  if (/^[a-z][a-z0-9+.-]+:/i.test(ref)) return ref;
  return base === undefined || ref === '' ? undefined : new URL(ref, base).href;
}

function parse(raw: unknown, base: string | undefined): ParsedMap | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as { sections?: unknown; sources?: unknown; sourceRoot?: unknown; mappings?: unknown };
  if (Array.isArray(m.sections)) {
    // An index map: sections in order, each with an embedded map (a `url` section is not supported).
    const sections: { line: number; column: number; map: FlatMap }[] = [];
    for (const s of m.sections as { offset?: { line?: unknown; column?: unknown }; map?: unknown }[]) {
      const inner = parse(s?.map, base);
      const line = s?.offset?.line;
      const column = s?.offset?.column;
      if (inner?.kind !== 'flat' || typeof line !== 'number' || typeof column !== 'number') return null;
      sections.push({ line, column, map: inner });
    }
    return { kind: 'index', sections };
  }
  if (typeof m.mappings !== 'string' || !Array.isArray(m.sources)) return null;
  const lines = decodeMappings(m.mappings);
  if (lines === null) return null;
  const root = typeof m.sourceRoot === 'string' ? m.sourceRoot : '';
  return { kind: 'flat', sources: m.sources, root, base, lines };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) DIGITS[BASE64.charCodeAt(i)] = i;

/** The `mappings` string as per-line segment tables, or null when it is malformed. */
function decodeMappings(mappings: string): Int32Array[] | null {
  const lines: Int32Array[] = [];
  let segments: number[] = [];
  const fields: number[] = [];
  // Running sums of the deltas: the generated column restarts on each line, the others run on.
  const sums = [0, 0, 0, 0];
  for (let i = 0; i <= mappings.length;) {
    const c = i < mappings.length ? mappings.charCodeAt(i) : 0x3b; // the end closes the last line
    if (c === 0x3b || c === 0x2c) {
      // ';' ends a line, ',' a segment; a segment has 1 field (no source), 4, or 5 (with a name).
      if (fields.length > 0) {
        if (fields.length !== 1 && fields.length !== 4 && fields.length !== 5) return null;
        for (let f = 0; f < 4 && f < fields.length; f++) sums[f] += fields[f];
        segments.push(sums[0], fields.length === 1 ? -1 : sums[1], sums[2], sums[3]);
        fields.length = 0;
      }
      if (c === 0x3b) {
        lines.push(Int32Array.from(segments));
        segments = [];
        sums[0] = 0;
      }
      i++;
      continue;
    }
    let value = 0;
    let shift = 0;
    let digit: number;
    do {
      const code = i < mappings.length ? mappings.charCodeAt(i++) : -1;
      digit = code >= 0 && code < 128 ? DIGITS[code] : -1;
      if (digit < 0 || shift > 30) return null;
      value |= (digit & 31) << shift;
      shift += 5;
    } while (digit & 32);
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
  }
  return lines;
}

function lookup(map: ParsedMap, line: number, column: number): OriginalPosition | undefined {
  if (map.kind === 'index') {
    let found: (typeof map.sections)[number] | undefined;
    for (const s of map.sections) if (s.line < line || (s.line === line && s.column <= column)) found = s;
    if (found === undefined) return undefined;
    return lookup(found.map, line - found.line, line === found.line ? column - found.column : column);
  }
  const segs = map.lines[line];
  if (segs === undefined || segs.length === 0) return undefined;
  // The last segment at or before the column; the line's first when all start after it. A linear
  // scan also copes with generators that do not sort segments, and messages are few.
  let best = -1;
  let first = 0;
  for (let k = 0; k < segs.length; k += 4) {
    if (segs[k] < segs[first]) first = k;
    if (segs[k] <= column && (best < 0 || segs[k] >= segs[best])) best = k;
  }
  const k = best < 0 ? first : best;
  const name = map.sources[segs[k + 1]];
  if (segs[k + 1] < 0 || typeof name !== 'string') return undefined;
  return { file: sourceFile(map, name), line: segs[k + 2] + 1, column: segs[k + 3] + 1 };
}

function sourceFile(map: FlatMap, name: string): string {
  const n = nodeModules();
  const absolute = /^([a-z][a-z0-9+.-]+:|\/)/i.test(name) || (n !== null && n.path.isAbsolute(name));
  const rooted = map.root !== '' && !absolute ? map.root.replace(/\/?$/, '/') + name : name;
  const url = resolveUrl(rooted, map.base);
  if (url === undefined || !url.startsWith('file:')) return url ?? rooted;
  return n !== null ? n.url.fileURLToPath(url) : decodeURIComponent(new URL(url).pathname);
}
