"use strict";
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
Object.defineProperty(exports, "__esModule", { value: true });
exports.SnapshotReader = exports.MAX_STRING = void 0;
/** Strings longer than this are cut (see the module comment). */
exports.MAX_STRING = 1024;
const QUOTE = 34;
const BACKSLASH = 92;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COMMA = 44;
const CLOSE = 93; // ']'
/** Parses a heap snapshot fed to it chunk by chunk; {@link finish} returns the result. */
class SnapshotReader {
    phase = 0 /* Phase.Header */;
    header = '';
    between = '';
    /** The text between `edges` and `strings` (a few small sections), then the strings read so far. */
    beforeStrings = '';
    strings = [];
    /** The string being read: its raw (JSON-escaped) text so far, cut at MAX_STRING; undefined between strings. */
    raw;
    rawEscaped = false;
    /** Whether the previous character of the current string was a backslash (escapes the next one). */
    escapeNext = false;
    meta;
    nodes = new Uint32Array(0);
    edges = new Uint32Array(0);
    filled = 0;
    current = 0;
    inNumber = false;
    /** Feeds the next chunk of the snapshot's JSON text. */
    feed(chunk) {
        let at = 0;
        while (at < chunk.length) {
            switch (this.phase) {
                case 0 /* Phase.Header */:
                    at = this.readHeader(chunk, at);
                    break;
                case 1 /* Phase.Nodes */:
                case 3 /* Phase.Edges */:
                    at = this.readNumbers(chunk, at);
                    break;
                case 2 /* Phase.BetweenArrays */:
                    at = this.readBetween(chunk, at);
                    break;
                case 4 /* Phase.BeforeStrings */:
                    at = this.readBeforeStrings(chunk, at);
                    break;
                case 5 /* Phase.Strings */:
                    at = this.readStrings(chunk, at);
                    break;
                case 6 /* Phase.Done */:
                    at = chunk.length;
                    break;
            }
        }
    }
    readHeader(chunk, at) {
        const marker = '"nodes":[';
        // The marker may straddle two chunks: search the kept header's end together with the new chunk.
        const keep = this.header.length;
        this.header += chunk.slice(at);
        const found = this.header.indexOf(marker, Math.max(0, keep - marker.length));
        if (found < 0)
            return chunk.length;
        const head = this.header.slice(0, found);
        const rest = at + (found + marker.length - keep);
        this.header = '';
        // `{"snapshot":{...},` : close the object to parse the header alone.
        const parsed = JSON.parse(`${head.replace(/,\s*$/, '')}}`);
        this.meta = parsed.snapshot.meta;
        this.nodes = new Uint32Array(parsed.snapshot.node_count * this.meta.node_fields.length);
        this.edges = new Uint32Array(parsed.snapshot.edge_count * this.meta.edge_fields.length);
        this.phase = 1 /* Phase.Nodes */;
        this.filled = 0;
        return rest;
    }
    readNumbers(chunk, at) {
        const target = this.phase === 1 /* Phase.Nodes */ ? this.nodes : this.edges;
        let current = this.current;
        let inNumber = this.inNumber;
        let filled = this.filled;
        let i = at;
        for (; i < chunk.length; i++) {
            const c = chunk.charCodeAt(i);
            if (c >= DIGIT_0 && c <= DIGIT_9) {
                current = current * 10 + (c - DIGIT_0);
                inNumber = true;
            }
            else if (c === COMMA || c === CLOSE) {
                if (inNumber) {
                    if (filled < target.length)
                        target[filled] = current;
                    filled++;
                    current = 0;
                    inNumber = false;
                }
                if (c === CLOSE) {
                    i++;
                    this.phase = this.phase === 1 /* Phase.Nodes */ ? 2 /* Phase.BetweenArrays */ : 4 /* Phase.BeforeStrings */;
                    break;
                }
            }
            // Newlines and spaces between numbers are skipped.
        }
        this.current = current;
        this.inNumber = inNumber;
        this.filled = filled;
        if (this.phase !== 1 /* Phase.Nodes */ && this.phase !== 3 /* Phase.Edges */) {
            if (filled !== target.length) {
                throw new Error(`heap snapshot: expected ${target.length} numbers, read ${filled}`);
            }
            this.filled = 0;
        }
        return i;
    }
    readBetween(chunk, at) {
        const marker = '"edges":[';
        const keep = this.between.length;
        this.between += chunk.slice(at);
        const found = this.between.indexOf(marker);
        if (found < 0)
            return chunk.length;
        this.between = '';
        this.phase = 3 /* Phase.Edges */;
        return at + (found + marker.length - keep);
    }
    readBeforeStrings(chunk, at) {
        const marker = '"strings":[';
        const keep = this.beforeStrings.length;
        this.beforeStrings += chunk.slice(at);
        const found = this.beforeStrings.indexOf(marker, Math.max(0, keep - marker.length));
        if (found < 0)
            return chunk.length;
        this.beforeStrings = this.beforeStrings.slice(0, found);
        this.phase = 5 /* Phase.Strings */;
        return at + (found + marker.length - keep);
    }
    /** Reads `"...", "...", ...]` as it arrives; a string may span chunks. */
    readStrings(chunk, at) {
        let i = at;
        while (i < chunk.length) {
            if (this.raw === undefined) {
                const c = chunk.charCodeAt(i++);
                if (c === QUOTE) {
                    this.raw = '';
                    this.rawEscaped = false;
                    this.escapeNext = false;
                }
                else if (c === CLOSE) {
                    this.phase = 6 /* Phase.Done */;
                    return chunk.length;
                }
                continue;
            }
            // Inside a string: find its closing quote (one not escaped by a backslash).
            let j = i;
            let escapeNext = this.escapeNext;
            for (; j < chunk.length; j++) {
                const c = chunk.charCodeAt(j);
                if (escapeNext)
                    escapeNext = false;
                else if (c === BACKSLASH) {
                    escapeNext = true;
                    this.rawEscaped = true;
                }
                else if (c === QUOTE)
                    break;
            }
            this.escapeNext = escapeNext;
            if (this.raw.length < exports.MAX_STRING)
                this.raw += chunk.slice(i, Math.min(j, i + exports.MAX_STRING - this.raw.length + 8));
            if (j === chunk.length)
                return j;
            this.strings.push(this.decode(this.raw));
            this.raw = undefined;
            i = j + 1;
        }
        return i;
    }
    /** The string of a raw JSON string body, cut at MAX_STRING (never inside an escape). */
    decode(raw) {
        let body = raw;
        if (body.length > exports.MAX_STRING) {
            body = body.slice(0, exports.MAX_STRING);
            const lastEscape = body.lastIndexOf('\\');
            // Cut before an escape that the cut may have split (`\uXXXX` is the longest, six characters).
            if (lastEscape >= 0 && lastEscape >= body.length - 6)
                body = body.slice(0, lastEscape);
        }
        if (!this.rawEscaped)
            return body;
        try {
            return JSON.parse(`"${body}"`);
        }
        catch {
            return body; // a cut that left an escaped backslash pair split: keep the raw text
        }
    }
    /** The parsed snapshot; throws if the text ended early or was not a heap snapshot. */
    finish() {
        if (this.phase !== 6 /* Phase.Done */ || this.meta === undefined)
            throw new Error('heap snapshot: incomplete');
        const meta = this.meta;
        // Between the edges and the strings: `,"trace_function_infos":[...],...,"locations":[...],`.
        const middle = JSON.parse(`{"edges":0${this.beforeStrings.replace(/,\s*$/, '')}}`);
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
exports.SnapshotReader = SnapshotReader;
