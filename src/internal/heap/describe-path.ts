/**
 * Turning a path of heap snapshot hops into words a person reads at once (CONTRACT §13):
 * `module 'spec/cache.spec.ts' variable 'cache' → Map → value of key "a" → Page`.
 *
 * Each hop (holder, edge) becomes zero, one or two steps; runs of hops through engine internals (a
 * Map's hash table, a closure's context, a promise reaction, an async function's register file) are
 * read together and named after what they implement. Where the snapshot alone cannot say which key or
 * which local it is, the holder is handed back as the real object (see {@link Lifter}) and asked.
 *
 * The printed path starts at the last holder the program owns: the nearest step to the object that
 * is a root from the program's point of view (a module or global variable, a timer, a suspended async
 * function's local, a test context, a running frame); failing that, the first step in the program's
 * own files. Everything before it (Node's module cache, mocha's runner, the timer lists) is kept in
 * `full` only.
 */
import type { HeapGraph } from './heap-graph';
import type { PathHop } from './shortest-paths';
import type { RetainerPath } from './retainer-types';
import {
  GLOBAL_OBJECT,
  INTERNAL_NODE,
  REALM_CONTEXT,
  mapEntries,
  ownData,
  plain,
  quoteKey,
  render,
  step,
  type Step,
} from './retainer-steps';

/** A position in a script, mapped back to its source where a source map says so. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What the describer may ask of the live process (heap-explainer.ts implements it). */
export interface Lifter {
  /** The real value behind a snapshot node (by heap object id), or undefined for internal nodes. */
  valueOf(heapId: number): Promise<{ value: unknown } | undefined>;
  /** A suspended async function's name, where it waits, and its locals that hold `held`. */
  suspended(
    heapId: number,
    held: number,
  ): Promise<{ fn: string; at?: SourcePosition; locals: string[]; running: boolean } | undefined>;
  /** The source position of a script position (0-based line and column). */
  position(scriptId: number, line: number, column: number): SourcePosition | undefined;
  /** Whether a file belongs to the program (not Node, not node_modules, not this library). */
  isUserFile(file: string): boolean;
  /** Whether `held` is the target or the handler of the Proxy `proxy` (both by heap id). */
  proxyRole(proxy: number, held: number): Promise<'target' | 'handler' | undefined>;
  /** A file name as messages show it (relative to the working directory when inside it). */
  displayFile(file: string): string;
}

export class PathDescriber {
  /** Exports object node → its module's file; built on first use. */
  private exportsIndex: Map<number, string> | undefined;

  constructor(
    private readonly graph: HeapGraph,
    private readonly lifter: Lifter,
  ) {}

  /** The path as steps, both printed (from the last holder the program owns) and in full. */
  async describe(hops: readonly PathHop[], target: number): Promise<RetainerPath> {
    const full: Step[] = [];
    for (let i = 0; i < hops.length;) {
      const { steps, consumed } = await this.read(hops, i, target);
      full.push(...steps);
      i += consumed;
    }
    // A function by closureStep, so that a bound one is `bound function 'bound f'`, not V8's `native_bind`.
    const last = this.graph.typeName(target) === 'closure' ? await this.closureStep(target) : this.nodeStep(target);
    const targetStep = last ?? step('object', this.graph.name(target), this.graph.name(target));
    const printed = this.printable(full);
    printed.push(targetStep);
    full.push(targetStep);
    return { text: render(printed), steps: printed.map(plain), full: full.map(plain) };
  }

  /** How a path names `node` itself: its class, a function by its name and place, `string`, ... */
  async nameOf(node: number): Promise<string> {
    if (this.graph.typeName(node) === 'closure') return (await this.closureStep(node)).text;
    return this.nodeStep(node)?.text ?? (this.graph.name(node) || 'Object');
  }

  /** The steps from the last holder the program owns (see the module comment). */
  private printable(full: readonly Step[]): Step[] {
    let start = -1;
    for (let i = full.length - 1; i >= 0; i--) {
      if (full[i].rootLike) {
        start = i;
        break;
      }
    }
    if (start < 0) start = full.findIndex((s) => s.file !== undefined && this.lifter.isUserFile(s.file));
    if (start < 0) start = full.findIndex((s) => s.kind !== 'internal');
    if (start < 0) return [];
    // Code of a dependency (a test runner's, in node_modules) between that root and the object, then
    // the program's own code again: the program's part starts at its first own step after the
    // dependency. Vitest runs a test module inside its runner's closures, which hang from its worker's
    // global (`globalThis.__vitest_worker__ → … → function 'runWithTimeout' (node_modules/…) → …`).
    let foreign = -1;
    for (let i = full.length - 1; i > start; i--) {
      const file = full[i].file;
      if (file !== undefined && !this.lifter.isUserFile(file)) {
        foreign = i;
        break;
      }
    }
    if (foreign > start) {
      const own = full.findIndex((s, i) => i > foreign && s.file !== undefined && this.lifter.isUserFile(s.file));
      if (own > 0) start = own;
    }
    return full.slice(start).filter((s) => s.kind !== 'internal');
  }

  /** The node of the hop after `i`, or the target after the last hop. */
  private next(hops: readonly PathHop[], i: number, target: number): number {
    return i + 1 < hops.length ? hops[i + 1].node : target;
  }

  /** A step naming a node itself (an object by its class, a function by its name and place). */
  private nodeStep(node: number): Step | undefined {
    const g = this.graph;
    const type = g.typeName(node);
    const name = g.name(node);
    if (type === 'closure') return this.functionStep(node);
    if (type === 'synthetic' || type === 'hidden' || type === 'code' || INTERNAL_NODE.test(name)) {
      return step('internal', name, name || type);
    }
    if (type === 'array' && name === '') return step('internal', '', '(internal array)');
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string')
      return step('object', 'string', 'string');
    if (GLOBAL_OBJECT.test(name)) return step('object', 'globalThis', 'globalThis');
    return step('object', name, name || 'Object');
  }

  /** A function, with bound functions named as JavaScript names them (`bound f`), not `native_bind`. */
  private async closureStep(node: number): Promise<Step> {
    if (this.graph.findEdge(node, 'bound_function') < 0) return this.functionStep(node);
    const fn = (await this.lifter.valueOf(this.graph.id(node)))?.value;
    const name = typeof fn === 'function' ? fn.name.trim() : 'bound';
    return step('function', name, name === 'bound' ? 'bound function' : `bound function '${name}'`);
  }

  private functionStep(node: number): Step {
    const g = this.graph;
    const name = g.name(node);
    const where = this.where(node);
    const label = name === '' ? 'anonymous function' : `function '${name}'`;
    return step('function', name, where ? `${label} (${where.file}:${where.line})` : label, where ?? {});
  }

  private where(node: number): SourcePosition | undefined {
    const loc = this.graph.location(node);
    return loc === undefined ? undefined : this.lifter.position(loc.scriptId, loc.line, loc.column);
  }

  /** Reads the hop at `i` (and the hops it implies), returning its steps and how many hops it used. */
  private async read(
    hops: readonly PathHop[],
    i: number,
    target: number,
  ): Promise<{ steps: Step[]; consumed: number }> {
    const g = this.graph;
    const { node, edge } = hops[i];
    const to = this.next(hops, i, target);
    const type = g.typeName(node);
    const name = g.name(node);
    const edgeType = g.edgeTypeName(edge);
    const edgeName = g.edgeName(edge);
    const one = (steps: Step[]) => ({ steps, consumed: 1 });
    const internal = () => one([step('internal', String(edgeName), `${name || type} ${edgeType} ${String(edgeName)}`)]);

    if (type === 'synthetic') {
      if (name === '(Stack roots)' && g.typeName(to) !== 'hidden' && !INTERNAL_NODE.test(g.name(to))) {
        return one([step('stack', '', 'a local of a function running on the stack', { rootLike: true })]);
      }
      return internal();
    }

    // A global: the global object's own property.
    if (GLOBAL_OBJECT.test(name) && edgeType === 'property') {
      return one([step('global', String(edgeName), `globalThis.${String(edgeName)}`, { rootLike: true })]);
    }

    // A variable in a closure's context: a module-level variable, or one captured by a function.
    if (name === 'system / Context' && edgeType === 'context') return one([this.contextVariable(hops, i)]);

    if (type === 'closure') {
      const fn = await this.closureStep(node);
      if (edgeType === 'internal' && edgeName === 'context') return one([fn]);
      if (edgeName === 'bound_this') return one([fn, step('bound-this', 'this', 'bound this')]);
      if (edgeName === 'bound_function') return one([fn, step('bound-function', '', 'target function')]);
      if (typeof edgeName === 'string' && edgeName.startsWith('bound_argument')) {
        return one([fn, step('bound-argument', edgeName, `bound argument ${edgeName.replace(/\D/g, '')}`)]);
      }
      if (edgeType === 'property' && edgeName !== 'prototype') {
        const fnValue = await this.lifter.valueOf(g.id(node));
        const isClass =
          typeof fnValue?.value === 'function' && Function.prototype.toString.call(fnValue.value).startsWith('class');
        if (isClass) {
          return one([
            step(
              'static-field',
              String(edgeName),
              `class ${name}.${String(edgeName)} (static)`,
              this.where(node) ?? {},
            ),
          ]);
        }
        return one([fn, step('property', String(edgeName), `.${String(edgeName)}`, { suffix: true })]);
      }
      return one([fn, step('internal', String(edgeName), String(edgeName))]);
    }

    // Node's timers: the Timeout or Immediate object is what the program made; Node's lists before it are not.
    if (name === 'Timeout' && edgeName === '_onTimeout') return one([await this.timerStep(node)]);
    // A Timeout itself, in Node's list of the timers of one duration (a ring linked by _idleNext/_idlePrev).
    if (name === 'TimersList' && (edgeName === '_idleNext' || edgeName === '_idlePrev')) {
      let consumed = 1;
      while (
        i + consumed < hops.length &&
        g.name(hops[i + consumed].node) === 'Timeout' &&
        ['_idleNext', '_idlePrev'].includes(String(g.edgeName(hops[i + consumed].edge)))
      )
        consumed++;
      const ms = ownData((await this.lifter.valueOf(g.id(node)))?.value, 'msecs');
      const text = typeof ms === 'number' ? `Node's list of ${ms} ms timers` : "Node's timer list";
      return { steps: [step('timer', 'TimersList', text, { rootLike: true })], consumed };
    }
    if (name === 'Immediate' && edgeName === '_onImmediate') {
      return one([step('timer', 'setImmediate', 'setImmediate callback', { rootLike: true })]);
    }

    // EventEmitter listeners: emitter._events[type] (a function, or an array of them).
    if (edgeType === 'property' && edgeName === '_events' && i + 1 < hops.length) {
      const eventsHop = hops[i + 1];
      const event = g.edgeName(eventsHop.edge);
      let consumed = 2;
      if (i + 2 < hops.length && g.name(hops[i + 2].node) === 'Array' && g.edgeTypeName(hops[i + 2].edge) === 'element')
        consumed = 3;
      // `process` is reached from the engine's global handles, not from a variable: it is the root here.
      const holder =
        name === 'process' ? step('object', 'process', 'process', { rootLike: true }) : this.nodeStep(node);
      const text = `listener of '${String(event)}'`;
      return { steps: [holder ?? step('object', name, name), step('listener', String(event), text)], consumed };
    }

    // EventTarget listeners (Node's): target[kEvents] is a Map of type → { next: Listener, ... }, each
    // Listener holding the callback as `listener` (and `callback`); read through to the callback.
    if (edgeType === 'property' && edgeName === '<symbol kEvents>' && i + 1 < hops.length) {
      let consumed = 1;
      while (
        i + consumed < hops.length &&
        !(
          g.name(hops[i + consumed].node) === 'Listener' &&
          ['listener', 'callback'].includes(String(g.edgeName(hops[i + consumed].edge)))
        )
      )
        consumed++;
      if (i + consumed < hops.length) {
        const map = hops[i + 1].node;
        const entry = i + 3 < hops.length ? hops[i + 3].node : -1;
        const event = entry < 0 ? undefined : await this.keyOf(map, entry);
        const holder = this.nodeStep(node) ?? step('object', name, name);
        // Named as EventEmitter listeners are: `listener of 'ping'` (a symbol type by its description).
        const text =
          event === undefined
            ? 'listener'
            : `listener of ${typeof event === 'string' ? `'${event}'` : quoteKey(event)}`;
        return { steps: [holder, step('listener', String(event ?? ''), text)], consumed: consumed + 1 };
      }
    }
    // Map and Set entries: the collection's hash table, then an entry.
    if (edgeName === 'table' && edgeType === 'internal' && i + 1 < hops.length) {
      const entryTarget = this.next(hops, i + 1, target);
      const holder = this.nodeStep(node) ?? step('object', name, name);
      return { steps: [holder, await this.entryStep(node, entryTarget)], consumed: 2 };
    }

    // A WeakMap value, held by its key (an ephemeron edge from the key).
    if (
      edgeType === 'internal' &&
      typeof edgeName === 'string' &&
      edgeName.includes('part of key') &&
      edgeName.includes('pair in WeakMap')
    ) {
      return one([
        this.nodeStep(node) ?? step('object', name, name),
        step('weakmap-value', '', 'value stored under it in a WeakMap'),
      ]);
    }

    // Proxies: the snapshot's hidden edges do not say which is the target (their numbering varies), so
    // the proxy is asked through the inspector.
    if (name === 'system / JSProxy') {
      const role = await this.lifter.proxyRole(g.id(node), g.id(to));
      if (role === 'target') return one([step('object', 'Proxy', 'Proxy'), step('proxy-target', 'target', 'target')]);
      if (role === 'handler')
        return one([step('object', 'Proxy', 'Proxy'), step('proxy-handler', 'handler', 'handler')]);
      return one([step('object', 'Proxy', 'Proxy'), step('internal', '', 'target or handler')]);
    }

    // Promises: a pending one's reactions, a settled one's result.
    if (name === 'Promise' && edgeName === 'reactions_or_result') {
      if (g.name(to) === 'system / PromiseReaction') {
        return {
          steps: [
            step('object', 'Promise', 'Promise (pending)'),
            step('promise-reaction', '', 'reaction (then/await callback)'),
          ],
          consumed: 2,
        };
      }
      return one([step('object', 'Promise', 'Promise (settled)'), step('promise-result', '', 'result')]);
    }

    // A suspended async function (V8 names its object "Generator"): a local in its registers or context.
    if (name === 'Generator' && (edgeName === 'parameters_and_registers' || edgeName === 'context')) {
      return this.asyncLocal(hops, i, target);
    }
    if (name === 'Generator' && edgeName === 'function') return one([step('internal', 'function', 'async function')]);

    // An error's captured stack, not yet formatted: its frames hold receivers, functions and arguments.
    if (
      type === 'object' &&
      edgeType === 'property' &&
      edgeName === '<symbol>' &&
      g.name(to) === '' &&
      g.typeName(to) === 'array'
    ) {
      const message = ownData((await this.lifter.valueOf(g.id(node)))?.value, 'message');
      const what = typeof message === 'string' ? `${name} '${message}'` : name;
      let consumed = 1;
      while (i + consumed < hops.length && INTERNAL_NODE.test(g.name(hops[i + consumed].node))) consumed++;
      if (i + consumed < hops.length && g.typeName(hops[i + consumed].node) === 'array') consumed++;
      while (i + consumed < hops.length && g.name(hops[i + consumed].node) === 'system / CallSiteInfo') consumed++;
      return {
        steps: [
          step('object', name, what),
          step('error-stack', '', 'stack frames it captured (released once its .stack is read)'),
        ],
        consumed,
      };
    }

    // mocha's test context: `this.x = ...` in a hook or test.
    if (type === 'object' && name === 'Context' && edgeType === 'property' && (await this.isMochaContext(node))) {
      return one([
        step('test-context', String(edgeName), `mocha's this.${String(edgeName)} (the test context)`, {
          rootLike: true,
        }),
      ]);
    }

    // A CommonJS module's exports (what `import { x } from './m'` compiles to): named after the module.
    if (type === 'object' && edgeType === 'property') {
      const file = this.exportsFile(node);
      if (file !== undefined) {
        return one([
          step('module-variable', String(edgeName), `module '${file}' export '${String(edgeName)}'`, {
            file,
            rootLike: this.lifter.isUserFile(file),
          }),
        ]);
      }
    }

    // Ordinary properties and elements, also through out-of-object stores.
    if (edgeType === 'property') {
      return one([
        this.nodeStep(node) ?? step('object', name, name),
        step('property', String(edgeName), `.${String(edgeName)}`, { suffix: true }),
      ]);
    }
    if (edgeType === 'element') {
      return one([
        this.nodeStep(node) ?? step('object', name, name),
        step('element', String(edgeName), `[${String(edgeName)}]`, { suffix: true }),
      ]);
    }
    if (edgeType === 'internal' && edgeName === 'elements' && i + 1 < hops.length) {
      const index = g.edgeName(hops[i + 1].edge);
      return {
        steps: [
          this.nodeStep(node) ?? step('object', name, name),
          step('element', String(index), `[${String(index)}]`, { suffix: true }),
        ],
        consumed: 2,
      };
    }
    return internal();
  }

  /**
   * mocha's `Context` (the `this` of tests and hooks): a nested suite's context inherits from its
   * parent's, down to mocha's `Context.prototype`, which has `runnable`, `timeout` and `skip`.
   */
  private async isMochaContext(node: number): Promise<boolean> {
    let proto: unknown = (await this.lifter.valueOf(this.graph.id(node)))?.value;
    for (let depth = 0; depth < 32 && typeof proto === 'object' && proto !== null; depth++) {
      if (['runnable', 'timeout', 'skip'].every((m) => typeof ownData(proto, m) === 'function')) return true;
      proto = Object.getPrototypeOf(proto);
    }
    return false;
  }

  /**
   * The file of the CommonJS module whose `module.exports` is `node`: read from the snapshot itself
   * (each `Module` object's `exports` and `filename` edges), because handing an object back costs V8 a
   * walk of the whole heap.
   */
  private exportsFile(node: number): string | undefined {
    if (this.exportsIndex === undefined) {
      const g = this.graph;
      this.exportsIndex = new Map();
      for (let n = 0; n < g.nodeCount; n++) {
        if (g.name(n) !== 'Module' || g.typeName(n) !== 'object') continue;
        const exportsNode = g.follow(n, 'exports', g.edgeType.property);
        const filename = g.follow(n, 'filename', g.edgeType.property);
        if (exportsNode >= 0 && filename >= 0 && g.typeName(filename).endsWith('string')) {
          this.exportsIndex.set(exportsNode, this.lifter.displayFile(g.name(filename)));
        }
      }
    }
    return this.exportsIndex.get(node);
  }

  /** Whether a context is a module's (CommonJS wrapper or ES module body): the next one out is the realm's. */
  private isOutermost(context: number): boolean {
    const previous = this.graph.follow(context, 'previous');
    return previous < 0 || REALM_CONTEXT.test(this.graph.name(previous));
  }

  /** `module 'x.ts' variable 'v'` or `captured variable 'v'`. */
  private contextVariable(hops: readonly PathHop[], i: number): Step {
    const g = this.graph;
    const { node, edge } = hops[i];
    const variable = String(g.edgeName(edge));
    const outermost = this.isOutermost(node);
    // The file: a function that closes over this context (the one the path came through, else any).
    let fn = i > 0 && g.typeName(hops[i - 1].node) === 'closure' ? hops[i - 1].node : -1;
    if (fn < 0) {
      g.forEachRetainer(node, (e, from) => {
        if (fn < 0 && g.typeName(from) === 'closure' && g.edgeName(e) === 'context' && g.location(from) !== undefined)
          fn = from;
      });
    }
    const where = fn < 0 ? undefined : this.where(fn);
    if (outermost && where !== undefined) {
      const user = this.lifter.isUserFile(where.file);
      return step('module-variable', variable, `module '${where.file}' variable '${variable}'`, {
        file: where.file,
        rootLike: user,
      });
    }
    return step('captured-variable', variable, `captured variable '${variable}'`, where ? { file: where.file } : {});
  }

  private async asyncLocal(
    hops: readonly PathHop[],
    i: number,
    target: number,
  ): Promise<{ steps: Step[]; consumed: number }> {
    const g = this.graph;
    const generator = hops[i].node;
    let consumed = 1;
    let localName: string | undefined;
    if (g.edgeName(hops[i].edge) === 'context') {
      // An ES module's body runs as an async function: its outermost context holds the module's variables.
      const context = g.edgeTo(hops[i].edge);
      if (this.isOutermost(context) && i + 1 < hops.length && g.edgeTypeName(hops[i + 1].edge) === 'context') {
        const where = this.where(generator);
        if (where !== undefined && where.line === 1) {
          const variable = String(g.edgeName(hops[i + 1].edge));
          return {
            steps: [
              step('module-variable', variable, `module '${where.file}' variable '${variable}'`, {
                file: where.file,
                rootLike: this.lifter.isUserFile(where.file),
              }),
            ],
            consumed: 2,
          };
        }
        // An async function that closes over its module's variables suspends with the module's context
        // as its own: the variable is the module's (CommonJS or ES), not a local of the function.
        return { steps: [this.contextVariable(hops, i + 1)], consumed: 2 };
      }
      // Generator → Context → variable: the local was captured by a closure, so it has a name here.
      if (i + 1 < hops.length && g.edgeTypeName(hops[i + 1].edge) === 'context') {
        localName = String(g.edgeName(hops[i + 1].edge));
        consumed = 2;
      }
    } else if (i + 1 < hops.length) {
      consumed = 2; // Generator → register file → the register
    }
    const held = this.next(hops, i + consumed - 1, target);
    const info = await this.lifter.suspended(g.id(generator), g.id(held));
    const names = localName !== undefined ? [localName] : (info?.locals ?? []);
    const fnName = info?.fn ?? '';
    const fnWhere = this.where(generator);
    const what =
      names.length === 0
        ? 'a local'
        : names.length === 1
          ? `local '${names[0]}'`
          : `locals ${names.map((n) => `'${n}'`).join(', ')}`;
    const waiting = info?.at ? `, waiting at line ${info.at.line}` : '';
    // An ES module's body is an anonymous async function at 1:1 (V8 may keep it after it has finished).
    if (fnName === '' && fnWhere !== undefined && fnWhere.line === 1 && fnWhere.column === 1) {
      const variable = names.length === 0 ? 'a variable' : `variable ${names.map((n) => `'${n}'`).join(', ')}`;
      const running = info?.running === true ? ` (its body is still running${waiting})` : '';
      const text = `module '${fnWhere.file}' ${variable}${running}`;
      return { steps: [step('module-variable', names[0] ?? '', text, { ...fnWhere, rootLike: true })], consumed };
    }
    let text = `${what} of the async function ${fnName === '' ? '(anonymous)' : `'${fnName}'`}`;
    if (fnWhere) text += ` (${fnWhere.file}:${fnWhere.line})`;
    text += waiting;
    return {
      steps: [step('async-local', names[0] ?? '', text, { ...(fnWhere ?? {}), rootLike: true })],
      consumed,
    };
  }

  private async timerStep(node: number): Promise<Step> {
    const timeout = (await this.lifter.valueOf(this.graph.id(node)))?.value;
    const delay = ownData(timeout, '_idleTimeout');
    const repeat = ownData(timeout, '_repeat');
    const kind = typeof repeat === 'number' ? 'setInterval' : 'setTimeout';
    const text = typeof delay === 'number' ? `${kind} callback (${delay} ms)` : `${kind} callback`;
    return step('timer', kind, text, { rootLike: true });
  }

  /** The key under which a Map (by node) stores the value `entry` (by node), or undefined. */
  private async keyOf(map: number, entry: number): Promise<unknown> {
    const owner = (await this.lifter.valueOf(this.graph.id(map)))?.value;
    const value = (await this.lifter.valueOf(this.graph.id(entry)))?.value;
    for (const [k, v] of mapEntries(owner)) if (v === value) return k;
    return undefined;
  }

  /** Which entry of a Map or Set holds `held`: asks the real collection. */
  private async entryStep(collection: number, held: number): Promise<Step> {
    const g = this.graph;
    const name = g.name(collection);
    const owner = (await this.lifter.valueOf(g.id(collection)))?.value;
    // A string is a value the inspector cannot hand back as itself: the snapshot names it by its text.
    const value = g.typeName(held) === 'string' ? g.name(held) : (await this.lifter.valueOf(g.id(held)))?.value;
    if (owner instanceof Map) {
      for (const [k, v] of mapEntries(owner)) {
        if (k === value) return step('map-key', quoteKey(k), 'key');
        if (v === value) return step('map-value', quoteKey(k), `value of key ${quoteKey(k)}`);
      }
    } else if (owner instanceof Set) {
      return step('set-member', '', 'member');
    }
    return step('internal', 'table', `entry of ${name}`);
  }
}
