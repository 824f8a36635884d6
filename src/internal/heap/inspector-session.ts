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
import { HeapGraph } from './heap-graph';
import { SnapshotReader } from './snapshot-reader';
import { sessionUnavailableReason } from './availability';

// Re-exported: the engine's modules ask this module whether a session can be opened.
export { sessionUnavailableReason };

interface InspectorSessionLike {
  connect(): void;
  disconnect(): void;
  post(method: string, params: object, callback: (err: Error | null, result?: unknown) => void): void;
  on(event: string, listener: (message: { params: unknown }) => void): unknown;
  removeListener(event: string, listener: (message: { params: unknown }) => void): unknown;
}

interface InspectorModule {
  Session: new () => InspectorSessionLike;
  url(): string | undefined;
}

/** A parsed script: its URL and, when it has one, its source map's URL (often a data: URL). */
export interface ScriptInfo {
  readonly url: string;
  readonly sourceMapURL: string;
}

const OBJECT_GROUP = 'pyweakref-heap';
const HANDOFF = Symbol.for('pyweakref.heap.handoff');

let debuggerPrimed = false;

function inspectorModule(): InspectorModule {
  const reason = sessionUnavailableReason();
  if (reason !== undefined) throw new Error(reason);
  const proc = (globalThis as unknown as { process: { getBuiltinModule(id: string): unknown } }).process;
  return proc.getBuiltinModule('inspector') as InspectorModule;
}

/** One inspector session, opened for one explanation and closed after it. */
export class HeapSession {
  private readonly session: InspectorSessionLike;
  private closed = false;
  private debuggerOn = false;
  /** Whether V8's object tracking is on (see {@link markIds}); off again when the session disconnects. */
  private tracking = false;

  private constructor(session: InspectorSessionLike) {
    this.session = session;
  }

  /** Opens a session; throws outside Node. */
  static async open(): Promise<HeapSession> {
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
  post<T = unknown>(method: string, params: object = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T)));
    });
  }

  /** Takes a heap snapshot and parses it as its chunks arrive. */
  async snapshot(): Promise<HeapGraph> {
    const reader = new SnapshotReader();
    let failure: Error | undefined;
    const onChunk = (message: { params: unknown }): void => {
      if (failure !== undefined) return;
      try {
        reader.feed((message.params as { chunk: string }).chunk);
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
      }
    };
    this.session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    try {
      await this.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
    } finally {
      this.session.removeListener('HeapProfiler.addHeapSnapshotChunk', onChunk);
    }
    if (failure !== undefined) throw failure;
    return new HeapGraph(reader.finish());
  }

  /**
   * A mark in the heap's history: resolves, after V8 has given every object alive at that moment a heap
   * object id, to the largest id given. V8 numbers objects in the order it first sees them, so an object
   * of a later snapshot of this session with a larger id was allocated after the mark (heap-growth.ts).
   *
   * The numbering is V8's object tracking: the first mark turns it on, and V8 then renumbers (a full
   * collection and a walk of the heap) every 50 ms while the event loop turns, reporting each time the
   * last id given; the mark waits for the next report. {@link close} turns tracking off (disconnecting
   * the session does). Tracking holds nothing: collections run as before, ids are numbers.
   */
  async markIds(timeoutMs = 10_000): Promise<number> {
    let onSeen: ((message: { params: unknown }) => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const seen = new Promise<number>((resolve, reject) => {
      onSeen = (message) => resolve(Number((message.params as { lastSeenObjectId: number }).lastSeenObjectId));
      timer = setTimeout(() => reject(new Error(`V8 reported no heap object ids within ${timeoutMs} ms`)), timeoutMs);
    });
    // Same-thread sessions deliver events synchronously, from V8's timer: a report received after this
    // line comes from a renumbering that started after it.
    this.session.on('HeapProfiler.lastSeenObjectId', onSeen!);
    try {
      if (!this.tracking) {
        this.tracking = true;
        await this.post('HeapProfiler.startTrackingHeapObjects', { trackAllocations: false });
      }
      return await seen;
    } finally {
      clearTimeout(timer);
      this.session.removeListener('HeapProfiler.lastSeenObjectId', onSeen!);
    }
  }

  /**
   * Every script V8 has parsed, by script id (the `script_id` of the snapshot's locations): enabling the
   * Debugger domain reports them all. With `keepEnabled`, the domain stays on until {@link close}: a
   * suspended async function shows its locals and where it waits only while it is on.
   */
  async scripts(keepEnabled = false): Promise<Map<number, ScriptInfo>> {
    const scripts = new Map<number, ScriptInfo>();
    const onParsed = (message: { params: unknown }): void => {
      const p = message.params as { scriptId: string; url: string; sourceMapURL?: string };
      scripts.set(Number(p.scriptId), { url: p.url, sourceMapURL: p.sourceMapURL ?? '' });
    };
    this.session.on('Debugger.scriptParsed', onParsed);
    try {
      await this.post('Debugger.enable', {});
      if (keepEnabled) this.debuggerOn = true;
      else await this.post('Debugger.disable', {});
    } finally {
      this.session.removeListener('Debugger.scriptParsed', onParsed);
    }
    return scripts;
  }

  /** Turns the Debugger domain on until {@link close} (needed to read a suspended generator's scopes). */
  async enableDebugger(): Promise<void> {
    if (this.debuggerOn) return;
    await this.post('Debugger.enable', {});
    this.debuggerOn = true;
  }

  /** The inspector's remote id of the object with this heap object id, or `undefined` if it is gone. */
  async remoteId(heapId: number): Promise<string | undefined> {
    try {
      const r = await this.post<{ result: { objectId?: string } }>('HeapProfiler.getObjectByHeapObjectId', {
        objectId: String(heapId),
        objectGroup: OBJECT_GROUP,
      });
      return r.result.objectId;
    } catch {
      return undefined; // not a JavaScript object (an internal array, a context), or collected
    }
  }

  /**
   * The real object behind a remote id: the inspector calls a function with it as `this`, which puts it
   * in a slot we read and clear at once.
   */
  async objectOfRemote(remoteId: string): Promise<{ value: unknown } | undefined> {
    const g = globalThis as { [HANDOFF]?: unknown };
    let received: { value: unknown } | undefined;
    g[HANDOFF] = (value: unknown) => {
      received = { value };
    };
    try {
      await this.post('Runtime.callFunctionOn', {
        objectId: remoteId,
        functionDeclaration: `function () { globalThis[Symbol.for('pyweakref.heap.handoff')](this); }`,
        silent: true,
      });
    } catch {
      return undefined;
    } finally {
      delete g[HANDOFF];
    }
    return received;
  }

  /** The real object with this heap object id, or `undefined` when it is not a JavaScript object. */
  async objectOf(heapId: number): Promise<{ value: unknown } | undefined> {
    const remote = await this.remoteId(heapId);
    return remote === undefined ? undefined : this.objectOfRemote(remote);
  }

  /** `Runtime.getProperties` of a remote object, internal properties included. */
  async properties(remoteId: string): Promise<{
    result: Array<{ name: string; value?: { objectId?: string; type: string; value?: unknown; description?: string } }>;
    internalProperties?: Array<{
      name: string;
      value?: { objectId?: string; type: string; value?: unknown; description?: string };
    }>;
  }> {
    return this.post('Runtime.getProperties', { objectId: remoteId, ownProperties: true, generatePreview: false });
  }

  /** Releases every object this session handed out and disconnects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.debuggerOn) await this.post('Debugger.disable', {});
      await this.post('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP });
    } catch {
      // Nothing to release, or the session already went away.
    }
    this.session.disconnect();
  }
}
