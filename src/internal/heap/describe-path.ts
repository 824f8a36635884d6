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
 *
 * This module dispatches over the kinds of hop (PathDescriber's `read`); the readers of each
 * family of internals are beside it: holder-steps.ts (objects and functions), variable-steps.ts (the
 * program's variables: contexts, async functions' locals, CommonJS exports, mocha's `this`) and
 * container-steps.ts (Node's timers and listeners, Map, Set and WeakMap entries).
 */
import type { HeapGraph } from './heap-graph';
import type { PathHop } from './shortest-paths';
import type { RetainerPath } from './retainer-types';
import {
  GLOBAL_OBJECT,
  INTERNAL_NODE,
  nodeAfter,
  ownData,
  plain,
  render,
  step,
  type Read,
  type Step,
} from './retainer-steps';
import { closureHop, closureStep, nodeStep } from './holder-steps';
import { asyncLocal, contextVariable, indexExports, isMochaContext } from './variable-steps';
import {
  collectionEntry,
  emitterListener,
  eventTargetListener,
  timerList,
  timerStep,
  weakMapValue,
} from './container-steps';

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
    const last =
      this.graph.typeName(target) === 'closure'
        ? await closureStep(this.graph, this.lifter, target)
        : nodeStep(this.graph, this.lifter, target);
    const targetStep = last ?? step('object', this.graph.name(target), this.graph.name(target));
    const printed = this.printable(full);
    printed.push(targetStep);
    full.push(targetStep);
    return { text: render(printed), steps: printed.map(plain), full: full.map(plain) };
  }

  /** How a path names `node` itself: its class, a function by its name and place, `string`, ... */
  async nameOf(node: number): Promise<string> {
    if (this.graph.typeName(node) === 'closure') return (await closureStep(this.graph, this.lifter, node)).text;
    return nodeStep(this.graph, this.lifter, node)?.text ?? (this.graph.name(node) || 'Object');
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

  /**
   * Reads the hop at `i` (and the hops it implies), returning its steps and how many hops it used. The
   * kinds of hop are tried in order, the first that matches reads it.
   */
  private async read(hops: readonly PathHop[], i: number, target: number): Promise<Read> {
    const g = this.graph;
    const lifter = this.lifter;
    const { node, edge } = hops[i];
    const to = nodeAfter(hops, i, target);
    const type = g.typeName(node);
    const name = g.name(node);
    const edgeType = g.edgeTypeName(edge);
    const edgeName = g.edgeName(edge);
    const one = (steps: Step[]) => ({ steps, consumed: 1 });
    const internal = () => one([step('internal', String(edgeName), `${name || type} ${edgeType} ${String(edgeName)}`)]);
    const holder = () => nodeStep(g, lifter, node) ?? step('object', name, name);

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
    if (name === 'system / Context' && edgeType === 'context') return one([contextVariable(g, lifter, hops, i)]);

    if (type === 'closure') return one(await closureHop(g, lifter, node, edge));

    // Node's timers: the Timeout or Immediate object is what the program made; Node's lists before it are not.
    if (name === 'Timeout' && edgeName === '_onTimeout') return one([await timerStep(g, lifter, node)]);
    if (name === 'TimersList' && (edgeName === '_idleNext' || edgeName === '_idlePrev')) {
      return timerList(g, lifter, hops, i);
    }
    if (name === 'Immediate' && edgeName === '_onImmediate') {
      return one([step('timer', 'setImmediate', 'setImmediate callback', { rootLike: true })]);
    }

    // Listeners: an EventEmitter's `_events`, an EventTarget's `kEvents` (read through to the callback).
    if (edgeType === 'property' && edgeName === '_events' && i + 1 < hops.length) {
      return emitterListener(g, lifter, hops, i);
    }
    if (edgeType === 'property' && edgeName === '<symbol kEvents>' && i + 1 < hops.length) {
      const listener = await eventTargetListener(g, lifter, hops, i);
      if (listener !== undefined) return listener;
    }

    // Map and Set entries: the collection's hash table, then an entry.
    if (edgeName === 'table' && edgeType === 'internal' && i + 1 < hops.length) {
      return { steps: await collectionEntry(g, lifter, node, nodeAfter(hops, i + 1, target)), consumed: 2 };
    }

    // A WeakMap value, held by its key (an ephemeron edge from the key).
    if (
      edgeType === 'internal' &&
      typeof edgeName === 'string' &&
      edgeName.includes('part of key') &&
      edgeName.includes('pair in WeakMap')
    ) {
      return one(weakMapValue(g, lifter, node));
    }

    // Proxies: the snapshot's hidden edges do not say which is the target (their numbering varies), so
    // the proxy is asked through the inspector.
    if (name === 'system / JSProxy') {
      const role = await lifter.proxyRole(g.id(node), g.id(to));
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
      return asyncLocal(g, lifter, hops, i, target);
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
      const message = ownData((await lifter.valueOf(g.id(node)))?.value, 'message');
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
    if (type === 'object' && name === 'Context' && edgeType === 'property' && (await isMochaContext(g, lifter, node))) {
      return one([
        step('test-context', String(edgeName), `mocha's this.${String(edgeName)} (the test context)`, {
          rootLike: true,
        }),
      ]);
    }

    // A CommonJS module's exports (what `import { x } from './m'` compiles to): named after the module.
    if (type === 'object' && edgeType === 'property') {
      this.exportsIndex ??= indexExports(g, lifter);
      const file = this.exportsIndex.get(node);
      if (file !== undefined) {
        return one([
          step('module-variable', String(edgeName), `module '${file}' export '${String(edgeName)}'`, {
            file,
            rootLike: lifter.isUserFile(file),
          }),
        ]);
      }
    }

    // Ordinary properties and elements, also through out-of-object stores.
    if (edgeType === 'property') {
      return one([holder(), step('property', String(edgeName), `.${String(edgeName)}`, { suffix: true })]);
    }
    if (edgeType === 'element') {
      return one([holder(), step('element', String(edgeName), `[${String(edgeName)}]`, { suffix: true })]);
    }
    if (edgeType === 'internal' && edgeName === 'elements' && i + 1 < hops.length) {
      const index = g.edgeName(hops[i + 1].edge);
      return {
        steps: [holder(), step('element', String(index), `[${String(index)}]`, { suffix: true })],
        consumed: 2,
      };
    }
    return internal();
  }
}
