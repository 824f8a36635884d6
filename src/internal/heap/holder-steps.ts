/**
 * How a retainer path names a holder itself: an object by its class, a function by its name and the
 * place of its code, a bound function as JavaScript names it; and what a function holds besides its
 * context (its bound `this`, target and arguments, a class's static fields, its own properties).
 * describe-path.ts reads the hops; this module and the readers beside it make their steps.
 */
import type { HeapGraph } from './heap-graph';
import type { Lifter, SourcePosition } from './describe-path';
import { GLOBAL_OBJECT, INTERNAL_NODE, step, type Step } from './retainer-steps';

/** Where a function's code starts, in its source (through a source map), when the snapshot says. */
export function positionOf(g: HeapGraph, lifter: Lifter, node: number): SourcePosition | undefined {
  const loc = g.location(node);
  return loc === undefined ? undefined : lifter.position(loc.scriptId, loc.line, loc.column);
}

/** A step naming a node itself (an object by its class, a function by its name and place). */
export function nodeStep(g: HeapGraph, lifter: Lifter, node: number): Step | undefined {
  const type = g.typeName(node);
  const name = g.name(node);
  if (type === 'closure') return functionStep(g, lifter, node);
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
export async function closureStep(g: HeapGraph, lifter: Lifter, node: number): Promise<Step> {
  if (g.findEdge(node, 'bound_function') < 0) return functionStep(g, lifter, node);
  const fn = (await lifter.valueOf(g.id(node)))?.value;
  const name = typeof fn === 'function' ? fn.name.trim() : 'bound';
  return step('function', name, name === 'bound' ? 'bound function' : `bound function '${name}'`);
}

function functionStep(g: HeapGraph, lifter: Lifter, node: number): Step {
  const name = g.name(node);
  const where = positionOf(g, lifter, node);
  const label = name === '' ? 'anonymous function' : `function '${name}'`;
  return step('function', name, where ? `${label} (${where.file}:${where.line})` : label, where ?? {});
}

/** The steps of a hop out of a function (`edge` of the closure `node`): the function, then how it holds. */
export async function closureHop(g: HeapGraph, lifter: Lifter, node: number, edge: number): Promise<Step[]> {
  const name = g.name(node);
  const edgeType = g.edgeTypeName(edge);
  const edgeName = g.edgeName(edge);
  const fn = await closureStep(g, lifter, node);
  if (edgeType === 'internal' && edgeName === 'context') return [fn];
  if (edgeName === 'bound_this') return [fn, step('bound-this', 'this', 'bound this')];
  if (edgeName === 'bound_function') return [fn, step('bound-function', '', 'target function')];
  if (typeof edgeName === 'string' && edgeName.startsWith('bound_argument')) {
    return [fn, step('bound-argument', edgeName, `bound argument ${edgeName.replace(/\D/g, '')}`)];
  }
  if (edgeType === 'property' && edgeName !== 'prototype') {
    const fnValue = await lifter.valueOf(g.id(node));
    const isClass =
      typeof fnValue?.value === 'function' && Function.prototype.toString.call(fnValue.value).startsWith('class');
    if (isClass) {
      return [
        step(
          'static-field',
          String(edgeName),
          `class ${name}.${String(edgeName)} (static)`,
          positionOf(g, lifter, node) ?? {},
        ),
      ];
    }
    return [fn, step('property', String(edgeName), `.${String(edgeName)}`, { suffix: true })];
  }
  return [fn, step('internal', String(edgeName), String(edgeName))];
}
