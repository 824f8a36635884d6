/**
 * The program's own variables as the engine keeps them, read back into the names the program gave
 * them: a module's or a closure's variable in a context, a suspended async function's local (in its
 * generator's registers or context), a CommonJS module's export, mocha's `this.x`. Most of these are
 * roots from the program's point of view, where the printed path starts (see describe-path.ts).
 */
import type { HeapGraph } from './heap-graph';
import type { Lifter } from './describe-path';
import type { PathHop } from './shortest-paths';
import { positionOf } from './holder-steps';
import { REALM_CONTEXT, nodeAfter, ownData, step, type Read, type Step } from './retainer-steps';

/** Whether a context is a module's (CommonJS wrapper or ES module body): the next one out is the realm's. */
function isOutermost(g: HeapGraph, context: number): boolean {
  const previous = g.follow(context, 'previous');
  return previous < 0 || REALM_CONTEXT.test(g.name(previous));
}

/** `module 'x.ts' variable 'v'` or `captured variable 'v'`: the hop at `i` is a context's variable. */
export function contextVariable(g: HeapGraph, lifter: Lifter, hops: readonly PathHop[], i: number): Step {
  const { node, edge } = hops[i];
  const variable = String(g.edgeName(edge));
  const outermost = isOutermost(g, node);
  // The file: a function that closes over this context (the one the path came through, else any).
  let fn = i > 0 && g.typeName(hops[i - 1].node) === 'closure' ? hops[i - 1].node : -1;
  if (fn < 0) {
    g.forEachRetainer(node, (e, from) => {
      if (fn < 0 && g.typeName(from) === 'closure' && g.edgeName(e) === 'context' && g.location(from) !== undefined)
        fn = from;
    });
  }
  const where = fn < 0 ? undefined : positionOf(g, lifter, fn);
  if (outermost && where !== undefined) {
    const user = lifter.isUserFile(where.file);
    return step('module-variable', variable, `module '${where.file}' variable '${variable}'`, {
      file: where.file,
      rootLike: user,
    });
  }
  return step('captured-variable', variable, `captured variable '${variable}'`, where ? { file: where.file } : {});
}

/**
 * A local of a suspended async function (V8 names its object "Generator"): the hop at `i` leads from
 * the generator into its registers or its context. The local's name comes from the context when a
 * closure captured it, else from the live generator's scopes (see {@link Lifter.suspended}).
 */
export async function asyncLocal(
  g: HeapGraph,
  lifter: Lifter,
  hops: readonly PathHop[],
  i: number,
  target: number,
): Promise<Read> {
  const generator = hops[i].node;
  let consumed = 1;
  let localName: string | undefined;
  if (g.edgeName(hops[i].edge) === 'context') {
    // An ES module's body runs as an async function: its outermost context holds the module's variables.
    const context = g.edgeTo(hops[i].edge);
    if (isOutermost(g, context) && i + 1 < hops.length && g.edgeTypeName(hops[i + 1].edge) === 'context') {
      const where = positionOf(g, lifter, generator);
      if (where !== undefined && where.line === 1) {
        const variable = String(g.edgeName(hops[i + 1].edge));
        return {
          steps: [
            step('module-variable', variable, `module '${where.file}' variable '${variable}'`, {
              file: where.file,
              rootLike: lifter.isUserFile(where.file),
            }),
          ],
          consumed: 2,
        };
      }
      // An async function that closes over its module's variables suspends with the module's context
      // as its own: the variable is the module's (CommonJS or ES), not a local of the function.
      return { steps: [contextVariable(g, lifter, hops, i + 1)], consumed: 2 };
    }
    // Generator → Context → variable: the local was captured by a closure, so it has a name here.
    if (i + 1 < hops.length && g.edgeTypeName(hops[i + 1].edge) === 'context') {
      localName = String(g.edgeName(hops[i + 1].edge));
      consumed = 2;
    }
  } else if (i + 1 < hops.length) {
    consumed = 2; // Generator → register file → the register
  }
  const held = nodeAfter(hops, i + consumed - 1, target);
  const info = await lifter.suspended(g.id(generator), g.id(held));
  const names = localName !== undefined ? [localName] : (info?.locals ?? []);
  const fnName = info?.fn ?? '';
  const fnWhere = positionOf(g, lifter, generator);
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

/**
 * Each CommonJS module's `module.exports` object (by node) → the module's file: read from the snapshot
 * itself (each `Module` object's `exports` and `filename` edges), because handing an object back costs
 * V8 a walk of the whole heap.
 */
export function indexExports(g: HeapGraph, lifter: Lifter): Map<number, string> {
  const index = new Map<number, string>();
  for (let n = 0; n < g.nodeCount; n++) {
    if (g.name(n) !== 'Module' || g.typeName(n) !== 'object') continue;
    const exportsNode = g.follow(n, 'exports', g.edgeType.property);
    const filename = g.follow(n, 'filename', g.edgeType.property);
    if (exportsNode >= 0 && filename >= 0 && g.typeName(filename).endsWith('string')) {
      index.set(exportsNode, lifter.displayFile(g.name(filename)));
    }
  }
  return index;
}

/**
 * mocha's `Context` (the `this` of tests and hooks): a nested suite's context inherits from its
 * parent's, down to mocha's `Context.prototype`, which has `runnable`, `timeout` and `skip`.
 */
export async function isMochaContext(g: HeapGraph, lifter: Lifter, node: number): Promise<boolean> {
  let proto: unknown = (await lifter.valueOf(g.id(node)))?.value;
  for (let depth = 0; depth < 32 && typeof proto === 'object' && proto !== null; depth++) {
    if (['runnable', 'timeout', 'skip'].every((m) => typeof ownData(proto, m) === 'function')) return true;
    proto = Object.getPrototypeOf(proto);
  }
  return false;
}
