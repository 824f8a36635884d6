"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HeapSession = void 0;
exports.sessionUnavailableReason = sessionUnavailableReason;
/**
 * A same-thread `node:inspector` session: heap snapshots, the scripts V8 has parsed, and handing a
 * snapshot node back as the real object.
 *
 * Reached through `process.getBuiltinModule` (as force-gc.ts does), so that no bundler ever sees a
 * static import of `node:inspector`: outside Node, {@link openSession} says why there is no session.
 *
 * What keeps what alive: objects handed back by {@link HeapSession.objectOf} are also held by the
 * inspector under this session's object group until {@link HeapSession.close} releases it; the hand-off
 * slot is cleared as soon as the object is read. The session holds nothing of the program otherwise.
 */
const heap_graph_1 = require("./heap-graph");
const snapshot_reader_1 = require("./snapshot-reader");
const OBJECT_GROUP = 'pyweakref-heap';
const HANDOFF = Symbol.for('pyweakref.heap.handoff');
let debuggerPrimed = false;
/** Why no session can be opened here, or `undefined` when one can. */
function sessionUnavailableReason() {
    const proc = globalThis
        .process;
    if (proc?.versions?.bun !== undefined)
        return 'Bun has no V8 heap snapshot (node:inspector is not available there)';
    if (globalThis.Deno !== undefined) {
        return "Deno's node:inspector cannot take heap snapshots in the same process";
    }
    if (proc?.versions?.node === undefined || typeof proc.getBuiltinModule !== 'function') {
        return 'this is not Node.js: heap snapshots are taken through node:inspector';
    }
    return undefined;
}
function inspectorModule() {
    const reason = sessionUnavailableReason();
    if (reason !== undefined)
        throw new Error(reason);
    const proc = globalThis.process;
    return proc.getBuiltinModule('inspector');
}
/** One inspector session, opened for one explanation and closed after it. */
class HeapSession {
    session;
    closed = false;
    debuggerOn = false;
    constructor(session) {
        this.session = session;
    }
    /** Opens a session; throws outside Node. */
    static async open() {
        const inspector = inspectorModule();
        const session = new inspector.Session();
        session.connect();
        const heap = new HeapSession(session);
        if (!debuggerPrimed) {
            // Node 20: once the TypeScript compiler is loaded, a snapshot took 70-80 s until the Debugger
            // domain had been enabled and disabled once in the process (then about 1.5 s). Harmless elsewhere.
            await heap.post('Debugger.enable', {});
            await heap.post('Debugger.disable', {});
            debuggerPrimed = true;
        }
        return heap;
    }
    /** Sends one protocol command; resolves with its result. */
    post(method, params = {}) {
        return new Promise((resolve, reject) => {
            this.session.post(method, params, (err, result) => (err ? reject(err) : resolve(result)));
        });
    }
    /** Takes a heap snapshot and parses it as its chunks arrive. */
    async snapshot() {
        const reader = new snapshot_reader_1.SnapshotReader();
        let failure;
        const onChunk = (message) => {
            if (failure !== undefined)
                return;
            try {
                reader.feed(message.params.chunk);
            }
            catch (err) {
                failure = err instanceof Error ? err : new Error(String(err));
            }
        };
        this.session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
        try {
            await this.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
        }
        finally {
            this.session.removeListener('HeapProfiler.addHeapSnapshotChunk', onChunk);
        }
        if (failure !== undefined)
            throw failure;
        return new heap_graph_1.HeapGraph(reader.finish());
    }
    /**
     * Every script V8 has parsed, by script id (the `script_id` of the snapshot's locations): enabling the
     * Debugger domain reports them all. With `keepEnabled`, the domain stays on until {@link close}: a
     * suspended async function shows its locals and where it waits only while it is on.
     */
    async scripts(keepEnabled = false) {
        const scripts = new Map();
        const onParsed = (message) => {
            const p = message.params;
            scripts.set(Number(p.scriptId), { url: p.url, sourceMapURL: p.sourceMapURL ?? '' });
        };
        this.session.on('Debugger.scriptParsed', onParsed);
        try {
            await this.post('Debugger.enable', {});
            if (keepEnabled)
                this.debuggerOn = true;
            else
                await this.post('Debugger.disable', {});
        }
        finally {
            this.session.removeListener('Debugger.scriptParsed', onParsed);
        }
        return scripts;
    }
    /** Turns the Debugger domain on until {@link close} (needed to read a suspended generator's scopes). */
    async enableDebugger() {
        if (this.debuggerOn)
            return;
        await this.post('Debugger.enable', {});
        this.debuggerOn = true;
    }
    /** The inspector's remote id of the object with this heap object id, or `undefined` if it is gone. */
    async remoteId(heapId) {
        try {
            const r = await this.post('HeapProfiler.getObjectByHeapObjectId', {
                objectId: String(heapId),
                objectGroup: OBJECT_GROUP,
            });
            return r.result.objectId;
        }
        catch {
            return undefined; // not a JavaScript object (an internal array, a context), or collected
        }
    }
    /**
     * The real object behind a remote id: the inspector calls a function with it as `this`, which puts it
     * in a slot we read and clear at once.
     */
    async objectOfRemote(remoteId) {
        const g = globalThis;
        let received;
        g[HANDOFF] = (value) => {
            received = { value };
        };
        try {
            await this.post('Runtime.callFunctionOn', {
                objectId: remoteId,
                functionDeclaration: `function () { globalThis[Symbol.for('pyweakref.heap.handoff')](this); }`,
                silent: true,
            });
        }
        catch {
            return undefined;
        }
        finally {
            delete g[HANDOFF];
        }
        return received;
    }
    /** The real object with this heap object id, or `undefined` when it is not a JavaScript object. */
    async objectOf(heapId) {
        const remote = await this.remoteId(heapId);
        return remote === undefined ? undefined : this.objectOfRemote(remote);
    }
    /** The heap object id of a live object (so that it can be found in the next snapshot). */
    async heapIdOf(value) {
        const g = globalThis;
        g[HANDOFF] = value;
        try {
            const evaluated = await this.post('Runtime.evaluate', {
                expression: `globalThis[Symbol.for('pyweakref.heap.handoff')]`,
                objectGroup: OBJECT_GROUP,
                silent: true,
            });
            if (evaluated.result.objectId === undefined)
                return undefined;
            const r = await this.post('HeapProfiler.getHeapObjectId', {
                objectId: evaluated.result.objectId,
            });
            return Number(r.heapSnapshotObjectId);
        }
        finally {
            delete g[HANDOFF];
        }
    }
    /** `Runtime.getProperties` of a remote object, internal properties included. */
    async properties(remoteId) {
        return this.post('Runtime.getProperties', { objectId: remoteId, ownProperties: true, generatePreview: false });
    }
    /** Releases every object this session handed out and disconnects. */
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        try {
            if (this.debuggerOn)
                await this.post('Debugger.disable', {});
            await this.post('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP });
        }
        catch {
            // Nothing to release, or the session already went away.
        }
        this.session.disconnect();
    }
}
exports.HeapSession = HeapSession;
