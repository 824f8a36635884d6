/**
 * Why is it still alive? One heap snapshot, the shortest strong paths from the GC roots to the given
 * objects, and those paths in words (CONTRACT §13). Node only; bounded by a heap-size budget; never
 * throws (a failure is returned as the reason there is no explanation).
 *
 * What keeps what alive: the objects to explain are held only by a {@link PyweakrefHeapProbe} (native
 * WeakRefs) until the snapshot is taken; the objects handed back while describing the paths are held
 * by local variables of the describing functions and by the inspector's object group, which
 * `session.close()` releases before this module returns. So after an explanation the objects are held
 * by exactly what held them before.
 */
import { HeapSession, sessionUnavailableReason, type ScriptInfo } from './inspector-session';
import { PyweakrefHeapProbe } from './probe';
import { searchFromRoots, type PathHop } from './shortest-paths';
import { PathDescriber, type Lifter, type SourcePosition } from './describe-path';
import { originalPosition } from './source-map';
import { environmentVariable } from '../natives';
import type { HeapGraph } from './heap-graph';
import type { RetainerPath } from './retainer-types';

/** Options of an explanation; every field has a default. */
export interface ExplainOptions {
  /** Off switch; also `PYWEAKREF_RETAINERS=0` in the environment. Default true. */
  readonly enabled?: boolean;
  /** No snapshot when the heap in use is larger than this (bytes). Default 512 MiB. */
  readonly maxHeapBytes?: number;
  /** At most this many paths per object (one per distinct last holder). Default 3. */
  readonly maxPaths?: number;
}

/** The outcome for one object. */
export type Explanation =
  | { readonly status: 'explained'; readonly paths: readonly RetainerPath[] }
  | { readonly status: 'collected' }
  | {
      readonly status: 'skipped';
      readonly reason: string;
      /** Switched off by the user, or not possible in this runtime: the message says nothing of it. */
      readonly switchedOff?: boolean;
    };

const DEFAULT_MAX_HEAP = 512 * 1024 * 1024;

interface NodeProcessLike {
  env?: Record<string, string | undefined>;
  memoryUsage?: () => { heapUsed: number };
  cwd?: () => string;
  getBuiltinModule?: (id: string) => unknown;
}

function proc(): NodeProcessLike | undefined {
  return (globalThis as { process?: NodeProcessLike }).process;
}

/** Whether the user switched explanations off (then a failure message is exactly the one without them). */
export function isSwitchedOff(options: ExplainOptions = {}): boolean {
  return options.enabled === false || environmentVariable('PYWEAKREF_RETAINERS') === '0';
}

/** Why an explanation would be skipped now, or undefined when it can run. */
export function explanationBlocked(options: ExplainOptions = {}): string | undefined {
  const p = proc();
  if (options.enabled === false) return 'retainer paths are switched off (retainers: false)';
  if (environmentVariable('PYWEAKREF_RETAINERS') === '0')
    return 'retainer paths are switched off (PYWEAKREF_RETAINERS=0)';
  const unavailable = sessionUnavailableReason();
  if (unavailable !== undefined) return unavailable;
  const max = options.maxHeapBytes ?? DEFAULT_MAX_HEAP;
  const used = p?.memoryUsage?.().heapUsed ?? 0;
  if (used > max) {
    return `the heap in use (${mib(used)}) is over the budget for a heap snapshot (${mib(max)}; maxHeapBytes)`;
  }
  return undefined;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;
}

/**
 * Explains why each object is alive. `objects` is read once, synchronously, into a probe; the caller
 * must not keep them in its own frames across the await (pass a getter that derefs a weak reference).
 */
export async function explainObjects(
  getObjects: () => readonly WeakKey[],
  options: ExplainOptions = {},
): Promise<Explanation[]> {
  const blocked = explanationBlocked(options);
  if (blocked !== undefined) {
    // Switched off, or a runtime without heap snapshots (browsers, Bun, Deno): the message stays as it
    // was without explanations (CONTRACT §13), rather than saying each time that none was made.
    const switchedOff = isSwitchedOff(options) || sessionUnavailableReason() !== undefined;
    return getObjects().map(() => ({ status: 'skipped', reason: blocked, switchedOff }));
  }
  let session: HeapSession | undefined;
  try {
    session = await HeapSession.open();
    const probe = makeProbe(getObjects);
    const graph = await session.snapshot();
    // After the snapshot: with the Debugger domain on, V8 took the snapshot slower (1.5-3 s became 2.4-4.2 s).
    const scripts = await session.scripts();
    const located = probe.locate(graph);
    if (located === undefined) throw new Error('the probe was not found in the heap snapshot');
    const opaque = new Set([located.probe]);
    const maxPaths = options.maxPaths ?? 3;
    const tree = searchFromRoots(graph, { opaque, maxPaths });
    const lifter = new SessionLifter(session, scripts);
    // The objects explained are at hand through the probe: no need to ask V8, which walks the whole heap
    // to find an object by its id.
    located.targets.forEach((node, i) => {
      if (node >= 0) lifter.know(graph.id(node), () => probe.deref(i));
    });
    const describer = new PathDescriber(graph, lifter);
    const out: Explanation[] = [];
    for (const target of located.targets) {
      if (target < 0 || !tree.reached(target)) {
        out.push({ status: 'collected' });
        continue;
      }
      const paths = await describeAll(describer, tree.pathsTo(target, { opaque, maxPaths }), target);
      out.push({ status: 'explained', paths });
    }
    return out;
  } catch (err) {
    const reason = `the explanation failed: ${err instanceof Error ? err.message : String(err)}`;
    return getObjects().map(() => ({ status: 'skipped', reason }));
  } finally {
    await session?.close();
  }
}

/** In a frame of its own, so that the objects never sit in a frame of the async caller. */
function makeProbe(getObjects: () => readonly WeakKey[]): PyweakrefHeapProbe {
  return new PyweakrefHeapProbe(getObjects());
}

async function describeAll(describer: PathDescriber, paths: PathHop[][], target: number): Promise<RetainerPath[]> {
  const out: RetainerPath[] = [];
  const seen = new Set<string>();
  for (const hops of paths) {
    const path = await describer.describe(hops, target);
    // Two hops through different internals (a property and its backing store) read the same; a path
    // that names no holder at all (only internals before the object) adds nothing to a named one.
    if (seen.has(path.text) || (path.steps.length <= 1 && out.length > 0)) continue;
    seen.add(path.text);
    out.push(path);
  }
  return out;
}

interface PathModule {
  relative(from: string, to: string): string;
  resolve(...parts: string[]): string;
  sep: string;
  isAbsolute(p: string): boolean;
}
interface UrlModule {
  fileURLToPath(url: string): string;
}

// CommonJS's module-wrapper variable (the build is CommonJS; the browser bundle has none, hence the typeof).
declare const __dirname: string | undefined;

/** Where this library's own files are: their frames and tables are never "the program". */
function libraryRoot(pathModule: PathModule): string | undefined {
  // src/internal/heap (ts-node) or dist/internal/heap (the build): two levels up is src/ or dist/.
  return typeof __dirname === 'string' ? pathModule.resolve(__dirname, '..', '..') : undefined;
}

/**
 * What the path describer asks of the live process, answered through one open session (also used by
 * heap-growth.ts, which describes its paths the same way).
 */
export class SessionLifter implements Lifter {
  private readonly path: PathModule;
  private readonly url: UrlModule;
  private readonly cwd: string;
  private readonly library: string | undefined;
  private readonly values = new Map<number, Promise<{ value: unknown } | undefined>>();
  private readonly known = new Map<number, () => unknown>();
  /** A source-mapped file name → whether the script it came from belongs to the program. */
  private readonly userByMappedFile = new Map<string, boolean>();
  private scriptByFile: Map<string, ScriptInfo> | undefined;

  /** Objects the explainer already reaches (through its probe's WeakRefs), by heap id. */
  know(heapId: number, value: () => unknown): void {
    this.known.set(heapId, value);
  }

  constructor(
    private readonly session: HeapSession,
    private readonly scripts: Map<number, ScriptInfo>,
  ) {
    const p = proc()!;
    this.path = p.getBuiltinModule!('path') as PathModule;
    this.url = p.getBuiltinModule!('url') as UrlModule;
    this.cwd = p.cwd!();
    this.library = libraryRoot(this.path);
  }

  /**
   * Cached per heap id: the paths to one object share most of their hops. The cache lives as long as
   * this lifter, which is dropped when the explanation returns (it holds the values strongly).
   */
  valueOf(heapId: number): Promise<{ value: unknown } | undefined> {
    const known = this.known.get(heapId);
    if (known !== undefined) return Promise.resolve({ value: known() });
    let pending = this.values.get(heapId);
    if (pending === undefined) this.values.set(heapId, (pending = this.session.objectOf(heapId)));
    return pending;
  }

  async suspended(
    heapId: number,
    held: number,
  ): Promise<{ fn: string; at?: SourcePosition; locals: string[]; running: boolean } | undefined> {
    const remote = await this.session.remoteId(heapId);
    if (remote === undefined) return undefined;
    // A suspended generator shows its locals and where it waits only while the Debugger domain is on.
    await this.session.enableDebugger();
    const props = await this.session.properties(remote);
    const internal = props.internalProperties ?? [];
    const fnRemote = internal.find((p) => p.name === '[[GeneratorFunction]]')?.value?.objectId;
    const fn = fnRemote === undefined ? undefined : (await this.session.objectOfRemote(fnRemote))?.value;
    const location = internal.find((p) => p.name === '[[GeneratorLocation]]')?.value?.value as
      { scriptId: string; lineNumber: number; columnNumber: number } | undefined;
    const at = location && this.position(Number(location.scriptId), location.lineNumber, location.columnNumber);
    const locals: string[] = [];
    const scopesRemote = internal.find((p) => p.name === '[[Scopes]]')?.value?.objectId;
    const heldValue = (await this.valueOf(held))?.value;
    if (scopesRemote !== undefined && heldValue !== undefined) {
      // Every scope but the last (the global one): a module body's variables are in its module scope.
      const scopes = (await this.session.properties(scopesRemote)).result.filter((s) => /^\d+$/.test(s.name));
      for (const scope of scopes.slice(0, -1)) {
        const id = scope.value?.objectId;
        if (id === undefined) continue;
        for (const v of (await this.session.properties(id)).result) {
          if (v.value?.objectId === undefined || locals.includes(v.name)) continue;
          if ((await this.session.objectOfRemote(v.value.objectId))?.value === heldValue) locals.push(v.name);
        }
        if (locals.length > 0) break;
      }
    }
    const running = internal.find((p) => p.name === '[[GeneratorState]]')?.value?.value === 'suspended';
    return { fn: typeof fn === 'function' ? fn.name : '', at, locals, running };
  }

  async proxyRole(proxy: number, held: number): Promise<'target' | 'handler' | undefined> {
    const remote = await this.session.remoteId(proxy);
    if (remote === undefined) return undefined;
    const internal = (await this.session.properties(remote)).internalProperties ?? [];
    const heldValue = (await this.valueOf(held))?.value;
    for (const [slot, role] of [
      ['[[Target]]', 'target'],
      ['[[Handler]]', 'handler'],
    ] as const) {
      const id = internal.find((p) => p.name === slot)?.value?.objectId;
      if (id !== undefined && (await this.session.objectOfRemote(id))?.value === heldValue) return role;
    }
    return undefined;
  }

  position(scriptId: number, line: number, column: number): SourcePosition | undefined {
    const script = this.scripts.get(scriptId);
    if (script === undefined || script.url === '') return undefined;
    return this.mapped(script, line, column);
  }

  /** A script position through the script's source map; remembers whose the mapped file is. */
  private mapped(script: ScriptInfo, line: number, column: number): SourcePosition {
    const mapped =
      script.sourceMapURL === '' ? undefined : originalPosition(script.url, script.sourceMapURL, line, column);
    if (mapped === undefined) return { file: this.display(script.url), line: line + 1, column: column + 1 };
    const file = this.display(mapped.file);
    // Whether code belongs to the program is decided by the file that runs (the library compiled to
    // some folder maps back to its src/), so remember it for the mapped name.
    this.userByMappedFile.set(file, this.isUserFile(this.display(script.url)));
    return { file, line: mapped.line, column: mapped.column };
  }

  /**
   * A file name as messages show it: relative to the working directory, and for a compiled module
   * (a CommonJS `module.filename`) the source its map names.
   */
  displayFile(fileOrUrl: string): string {
    if (this.scriptByFile === undefined) {
      this.scriptByFile = new Map();
      for (const script of this.scripts.values()) this.scriptByFile.set(this.display(script.url), script);
    }
    const file = this.display(fileOrUrl);
    const script = this.scriptByFile.get(file);
    if (script === undefined || script.sourceMapURL === '') return file;
    // The first lines of compiled output ("use strict", helpers) may map nowhere: take the first that does.
    for (let line = 0; line < 32; line++) {
      if (originalPosition(script.url, script.sourceMapURL, line, 0) !== undefined)
        return this.mapped(script, line, 0).file;
    }
    return file;
  }

  private display(fileOrUrl: string): string {
    let file = fileOrUrl;
    if (file.startsWith('file://')) {
      try {
        file = this.url.fileURLToPath(file);
      } catch {
        return fileOrUrl;
      }
    }
    if (!this.path.isAbsolute(file)) return file;
    const rel = this.path.relative(this.cwd, file);
    return rel.startsWith('..') ? file : rel;
  }

  isUserFile(file: string): boolean {
    const known = this.userByMappedFile.get(file);
    if (known !== undefined) return known;
    // `node_modules/…` as messages show it (relative to the working directory), or anywhere in a path.
    if (file === '' || file.startsWith('node:') || /(^|[\\/])node_modules[\\/]/.test(file)) return false;
    if (/^[a-z]+:/.test(file) && !file.startsWith('file:')) return false;
    if (this.library !== undefined) {
      const abs = this.path.resolve(this.cwd, file);
      if (abs === this.library || abs.startsWith(this.library + this.path.sep)) return false;
    }
    return true;
  }
}

export type { HeapGraph, RetainerPath };
