/**
 * The operation language of the differential runs: a program is an array of operations (JSON),
 * executed by CPython (scripts/differential/run.py) and by pyweakref (interpreter.ts). Each operation
 * may append one entry to the program's trace (a result, or `["error", type, message]`), and
 * callbacks and finalizers append theirs when they run. docs/reliability.md describes every operation.
 *
 * Values in operations: JSON primitives (`null` is Python's None, JavaScript's undefined), or
 * `{ v: name }` (a variable), `{ list: [...] }`, `{ pairs: [[k, v], ...] }`, `{ map: [[k, v], ...] }`
 * (a dict / a Map), `{ set: [...] }` (a set / a Set), `{ gen: [...] }` (a one-shot generator).
 */
export type Value =
  | null
  | boolean
  | number
  | string
  | { v: string }
  | { list: Value[] }
  | { pairs: Array<[Value, Value]> }
  | { map: Array<[Value, Value]> }
  | { set: Value[] }
  | { gen: Value[] };

export type Op =
  | { op: 'new'; var: string; cls?: 'Obj' | 'Fn' }
  /** Python's `del` of these variables, then `gc.collect()`: the callbacks it causes belong to this op. */
  | { op: 'del'; vars: string[] }
  | { op: 'collect' }
  | { op: 'ref'; var: string; target: Value; cb?: string }
  | { op: 'proxy'; var: string; target: Value; cb?: string }
  | { op: 'keyedref'; var: string; target: Value; cb: string; key: Value }
  | { op: 'call'; ref: string }
  | { op: 'callbackof'; ref: string }
  | { op: 'is'; a: string; b: string }
  | { op: 'eq'; a: string; b: string }
  /** getweakrefcount / getweakrefs: only right after a `del` or `collect` (see interpreter.ts). */
  | { op: 'count'; target: Value }
  | { op: 'refs'; target: Value }
  | { op: 'getattr'; obj: string; attr: string }
  | { op: 'setattr'; obj: string; attr: string; value: Value }
  | { op: 'callp'; obj: string; args?: Value[] }
  | { op: 'wvd' | 'wkd' | 'ws'; var: string; args?: Value[]; kw?: Record<string, Value> }
  /** A method call `obj.name(...args)`, Python's keyword arguments as a plain object in JavaScript. */
  | { op: 'm'; obj: string; name: string; args?: Value[]; kw?: Record<string, Value>; into?: string }
  | { op: 'len'; obj: string }
  | { op: 'in'; obj: string; key: Value }
  | { op: 'iter'; obj: string }
  /** `pop()` until KeyError: Python's WeakSet pops an arbitrary member, so the popped set is sorted. */
  | { op: 'popall'; obj: string }
  | { op: 'wm'; var: string; obj: string; meth: string; cb?: string }
  | { op: 'wmcall'; var: string }
  /** Bound methods (issue 16): Python's `types.MethodType(func, obj)`, `func` absent for `Obj.m` (`obj.m`). */
  | { op: 'mt'; var: string; obj: Value; func?: Value }
  /** The one-argument `weakref.WeakMethod(env[m], cb)`; pyweakref's `WeakMethod(m, cb)`, without `new`. */
  | { op: 'wm1'; var: string; m: string; cb?: string }
  /** `into = wm()`: the bound method a WeakMethod returns, or None. */
  | { op: 'wmget'; var: string; into: string }
  /** `m()` of a bound method. */
  | { op: 'mcall'; var: string }
  /** `hash(a) == hash(b)`. */
  | { op: 'hasheq'; a: string; b: string }
  | { op: 'fin'; var: string; obj: Value; label: string; args?: Value[] }
  /**
   * `gc.disable()`, `gc.enable()`, `gc.isenabled()` (issue 16): the state is the program's own (the
   * interpreter sets it before each of its segments); every `del` still collects, disabled or not.
   */
  | { op: 'gc'; name: 'disable' | 'enable' | 'isenabled' }
  | { op: 'finop'; var: string; name: 'alive' | 'atexit' | 'call' | 'detach' | 'peek' };

export type Program = Op[];
export type TraceEntry = unknown[];
export type Trace = TraceEntry[];

/** Operations after which the world has been collected (the lock-step boundaries of the interpreter). */
export function isBoundary(op: Op): boolean {
  return op.op === 'del' || op.op === 'collect';
}
