/**
 * Reading a V8 heap snapshot as its chunks arrive, into flat typed arrays.
 *
 * A snapshot of a ts-node-sized heap is 50 to 100 MB of JSON, most of it two long arrays of numbers
 * (`nodes`, `edges`). Holding that text and calling `JSON.parse` on it would cost several times its size;
 * instead the two arrays are parsed digit by digit into `Uint32Array`s sized from the header, and only the
 * short header and the few sections between `edges` and `strings` (`locations`, ...) are kept as text
 * and parsed as JSON. The `strings` section is read string by string as it arrives, and a string longer
 * than {@link MAX_STRING} is cut there: the explanation needs names (classes, properties, keys, files),
 * while the heap's long strings (source texts of every loaded module) would otherwise be held twice
 * over, as text and parsed. One array element per number, never an object per node (as Chrome
 * DevTools' snapshot worker does).
 */

/** The parsed snapshot: node and edge fields as V8 lists them in `snapshot.meta`. */
export interface RawSnapshot {
  readonly nodeFields: readonly string[];
  readonly nodeTypes: readonly string[];
  readonly edgeFields: readonly string[];
  readonly edgeTypes: readonly string[];
  readonly nodes: Uint32Array;
  readonly edges: Uint32Array;
  readonly strings: readonly string[];
  /** `location_fields` triples or quadruples, flat: [node offset, script id, line, column, ...]. */
  readonly locations: Uint32Array;
  readonly locationFields: readonly string[];
}

interface Meta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
  location_fields?: string[];
}

const enum Phase {
  Header,
  Nodes,
  BetweenArrays,
  Edges,
  BeforeStrings,
  Strings,
  Done,
}

/** Strings longer than this are cut (see the module comment). */
export const MAX_STRING = 1024;
const QUOTE = 34;
const BACKSLASH = 92;

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COMMA = 44;
const CLOSE = 93; // ']'

/** Parses a heap snapshot fed to it chunk by chunk; {@link finish} returns the result. */
export class SnapshotReader {
  private phase = Phase.Header;
  private header = '';
  private between = '';
  /** The text between `edges` and `strings` (a few small sections), then the strings read so far. */
  private beforeStrings = '';
  private strings: string[] = [];
  /** The string being read: its raw (JSON-escaped) text so far, cut at MAX_STRING; undefined between strings. */
  private raw: string | undefined;
  private rawEscaped = false;
  /** Whether the previous character of the current string was a backslash (escapes the next one). */
  private escapeNext = false;
  private meta: Meta | undefined;
  private nodes = new Uint32Array(0);
  private edges = new Uint32Array(0);
  private filled = 0;
  private current = 0;
  private inNumber = false;

  /** Feeds the next chunk of the snapshot's JSON text. */
  feed(chunk: string): void {
    let at = 0;
    while (at < chunk.length) {
      switch (this.phase) {
        case Phase.Header:
          at = this.readHeader(chunk, at);
          break;
        case Phase.Nodes:
        case Phase.Edges:
          at = this.readNumbers(chunk, at);
          break;
        case Phase.BetweenArrays:
          at = this.readBetween(chunk, at);
          break;
        case Phase.BeforeStrings:
          at = this.readBeforeStrings(chunk, at);
          break;
        case Phase.Strings:
          at = this.readStrings(chunk, at);
          break;
        case Phase.Done:
          at = chunk.length;
          break;
      }
    }
  }

  private readHeader(chunk: string, at: number): number {
    const marker = '"nodes":[';
    // The marker may straddle two chunks: search the kept header's end together with the new chunk.
    const keep = this.header.length;
    this.header += chunk.slice(at);
    const found = this.header.indexOf(marker, Math.max(0, keep - marker.length));
    if (found < 0) return chunk.length;
    const head = this.header.slice(0, found);
    const rest = at + (found + marker.length - keep);
    this.header = '';
    // `{"snapshot":{...},` : close the object to parse the header alone.
    const parsed = JSON.parse(`${head.replace(/,\s*$/, '')}}`) as {
      snapshot: { meta: Meta; node_count: number; edge_count: number };
    };
    this.meta = parsed.snapshot.meta;
    this.nodes = new Uint32Array(parsed.snapshot.node_count * this.meta.node_fields.length);
    this.edges = new Uint32Array(parsed.snapshot.edge_count * this.meta.edge_fields.length);
    this.phase = Phase.Nodes;
    this.filled = 0;
    return rest;
  }

  private readNumbers(chunk: string, at: number): number {
    const target = this.phase === Phase.Nodes ? this.nodes : this.edges;
    let current = this.current;
    let inNumber = this.inNumber;
    let filled = this.filled;
    let i = at;
    for (; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c >= DIGIT_0 && c <= DIGIT_9) {
        current = current * 10 + (c - DIGIT_0);
        inNumber = true;
      } else if (c === COMMA || c === CLOSE) {
        if (inNumber) {
          if (filled < target.length) target[filled] = current;
          filled++;
          current = 0;
          inNumber = false;
        }
        if (c === CLOSE) {
          i++;
          this.phase = this.phase === Phase.Nodes ? Phase.BetweenArrays : Phase.BeforeStrings;
          break;
        }
      }
      // Newlines and spaces between numbers are skipped.
    }
    this.current = current;
    this.inNumber = inNumber;
    this.filled = filled;
    if (this.phase !== Phase.Nodes && this.phase !== Phase.Edges) {
      if (filled !== target.length) {
        throw new Error(`heap snapshot: expected ${target.length} numbers, read ${filled}`);
      }
      this.filled = 0;
    }
    return i;
  }

  private readBetween(chunk: string, at: number): number {
    const marker = '"edges":[';
    const keep = this.between.length;
    this.between += chunk.slice(at);
    const found = this.between.indexOf(marker);
    if (found < 0) return chunk.length;
    this.between = '';
    this.phase = Phase.Edges;
    return at + (found + marker.length - keep);
  }

  private readBeforeStrings(chunk: string, at: number): number {
    const marker = '"strings":[';
    const keep = this.beforeStrings.length;
    this.beforeStrings += chunk.slice(at);
    const found = this.beforeStrings.indexOf(marker, Math.max(0, keep - marker.length));
    if (found < 0) return chunk.length;
    this.beforeStrings = this.beforeStrings.slice(0, found);
    this.phase = Phase.Strings;
    return at + (found + marker.length - keep);
  }

  /** Reads `"...", "...", ...]` as it arrives; a string may span chunks. */
  private readStrings(chunk: string, at: number): number {
    let i = at;
    while (i < chunk.length) {
      if (this.raw === undefined) {
        const c = chunk.charCodeAt(i++);
        if (c === QUOTE) {
          this.raw = '';
          this.rawEscaped = false;
          this.escapeNext = false;
        } else if (c === CLOSE) {
          this.phase = Phase.Done;
          return chunk.length;
        }
        continue;
      }
      // Inside a string: find its closing quote (one not escaped by a backslash).
      let j = i;
      let escapeNext = this.escapeNext;
      for (; j < chunk.length; j++) {
        const c = chunk.charCodeAt(j);
        if (escapeNext) escapeNext = false;
        else if (c === BACKSLASH) {
          escapeNext = true;
          this.rawEscaped = true;
        } else if (c === QUOTE) break;
      }
      this.escapeNext = escapeNext;
      if (this.raw.length < MAX_STRING) this.raw += chunk.slice(i, Math.min(j, i + MAX_STRING - this.raw.length + 8));
      if (j === chunk.length) return j;
      this.strings.push(this.decode(this.raw));
      this.raw = undefined;
      i = j + 1;
    }
    return i;
  }

  /** The string of a raw JSON string body, cut at MAX_STRING (never inside an escape). */
  private decode(raw: string): string {
    let body = raw;
    if (body.length > MAX_STRING) {
      body = body.slice(0, MAX_STRING);
      const lastEscape = body.lastIndexOf('\\');
      // Cut before an escape that the cut may have split (`\uXXXX` is the longest, six characters).
      if (lastEscape >= 0 && lastEscape >= body.length - 6) body = body.slice(0, lastEscape);
    }
    if (!this.rawEscaped) return body;
    try {
      return JSON.parse(`"${body}"`) as string;
    } catch {
      return body; // a cut that left an escaped backslash pair split: keep the raw text
    }
  }

  /** The parsed snapshot; throws if the text ended early or was not a heap snapshot. */
  finish(): RawSnapshot {
    if (this.phase !== Phase.Done || this.meta === undefined) throw new Error('heap snapshot: incomplete');
    const meta = this.meta;
    // Between the edges and the strings: `,"trace_function_infos":[...],...,"locations":[...],`.
    const middle = JSON.parse(`{"edges":0${this.beforeStrings.replace(/,\s*$/, '')}}`) as { locations?: number[] };
    const strings = this.strings;
    this.beforeStrings = '';
    this.strings = [];
    return {
      nodeFields: meta.node_fields,
      nodeTypes: meta.node_types[0],
      edgeFields: meta.edge_fields,
      edgeTypes: meta.edge_types[0],
      nodes: this.nodes,
      edges: this.edges,
      strings,
      locations: Uint32Array.from(middle.locations ?? []),
      locationFields: meta.location_fields ?? [],
    };
  }
}
