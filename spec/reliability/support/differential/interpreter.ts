/**
 * The pyweakref side of the differential runs: an interpreter of the operation language (language.ts)
 * that mirrors scripts/differential/run.py operation by operation.
 *
 * Lock-step: a Python `del` frees an object at once, where here it takes a collection. Each program
 * is cut into segments at its `del`/`collect` operations; all programs run their next segment, then
 * one shared `await gc.collect()` serves every program's boundary. A program's trace only ever holds
 * what its own objects did, so sharing the collection changes nothing in it, and a thousand programs
 * cost as many collections as the longest one has boundaries.
 *
 * What keeps what alive: a program's objects live in its `env` only. Operations run in plain methods
 * (no async frame outlives them) and turn every result into names at once (`out`), so that deleting
 * a variable leaves nothing of ours holding the object. Callbacks close over the program and a label.
 */
import {
  finalize,
  gc,
  getweakrefcount,
  getweakrefs,
  KeyedRef,
  KeyError,
  MethodType,
  proxy,
  ProxyTypes,
  ref,
  sys,
  WeakKeyDictionary,
  WeakMethod,
  WeakSet as PyWeakSet,
  WeakValueDictionary,
  type UnraisableHookArgs,
} from '../../../../src';
import { isBoundary, type Op, type Program, type Trace, type TraceEntry, type Value } from './language';

/** The referents of the programs (Python's `Obj`). */
export class Obj {
  x = 0;
  constructor(readonly name: string) {}
  m(): string {
    return this.name;
  }
}

function makeFn(name: string): () => string {
  const fn = function (): string {
    return name;
  };
  Object.defineProperty(fn, 'name', { value: name });
  (fn as unknown as { x: number }).x = 0;
  return fn;
}

/** Thrown for a malformed program (a test bug, never part of a trace). */
export class ProgramError extends Error {}

type Callable = (...args: unknown[]) => unknown;

/** The program whose callback is throwing: where the unraisable hook logs. */
let raisingProgram: ProgramRun | undefined;

export class ProgramRun {
  readonly env = new Map<string, unknown>();
  readonly trace: Trace = [];
  private readonly labels = new Map<Function, string>();
  private readonly finalizers: finalize[] = [];
  private done = false;
  private cursor = 0;
  /** Whether the previous operation was a boundary (or a probe right after one, or nothing). */
  private collected = true;
  /** This program's `gc.isenabled()`: gc's state is global, and programs run in lock-step. */
  private gcEnabled = true;

  constructor(readonly ops: Program) {}

  get finished(): boolean {
    return this.cursor >= this.ops.length;
  }

  /**
   * Runs operations up to and including the next boundary (whose deletions are applied; the caller
   * then collects), or to the end. Returns whether it stopped at a boundary.
   */
  runSegment(): boolean {
    // The program's own gc state for its segment. The shared gc.collect() after it runs in whatever
    // state the last program left: it delivers the same either way (CONTRACT §12).
    if (this.gcEnabled) gc.enable();
    else gc.disable();
    while (this.cursor < this.ops.length) {
      const op = this.ops[this.cursor++];
      if (isBoundary(op)) {
        if (op.op === 'del') {
          this.trace.push(['del', op.vars]);
          for (const v of op.vars) if (!this.env.delete(v)) throw new ProgramError(`del of unknown variable ${v}`);
        }
        this.collected = true;
        return true;
      }
      if (op.op === 'count' || op.op === 'refs') {
        // Reference objects that a program dropped count here until collected (a documented deviation);
        // right after a boundary, none is left.
        if (!this.collected) throw new ProgramError(`${op.op} must follow a del or collect: ${JSON.stringify(op)}`);
      } else this.collected = false;
      this.run(op);
    }
    return false;
  }

  /** Ends the program: later callbacks are not logged, finalizers are detached (none runs at exit). */
  finish(): Trace {
    this.done = true;
    // Not `instanceof`: it would read the prototype of a dead proxy, which throws.
    for (const f of this.finalizers) f.detach();
    this.env.clear();
    return this.trace;
  }

  private log(entry: TraceEntry): void {
    if (!this.done) this.trace.push(entry);
  }

  /** The unraisable hook while this program's callbacks run. */
  unraisable(args: UnraisableHookArgs): void {
    const v = args.exc_value;
    this.log(['unraisable', v instanceof Error ? v.message : String(v)]);
  }

  // ---- values ---------------------------------------------------------------------------------

  private value(v: Value): unknown {
    if (v === null) return undefined;
    if (typeof v !== 'object') return v;
    if ('v' in v) {
      if (!this.env.has(v.v)) throw new ProgramError(`unknown variable ${v.v}`);
      return this.env.get(v.v);
    }
    if ('list' in v) return v.list.map((x) => this.value(x));
    if ('pairs' in v) return v.pairs.map(([k, x]) => [this.value(k), this.value(x)]);
    if ('map' in v) return new Map(v.map.map(([k, x]) => [this.value(k), this.value(x)]));
    if ('set' in v) return new Set(v.set.map((x) => this.value(x)));
    if ('gen' in v) {
      const items = v.gen.map((x) => this.value(x));
      return (function* () {
        yield* items;
      })();
    }
    throw new ProgramError(`unknown value ${JSON.stringify(v)}`);
  }

  private kwargs(kw: Record<string, Value> | undefined): unknown[] {
    if (kw === undefined) return [];
    // Python's keyword arguments are a plain object (docs/porting-guide.md#keyword-arguments-are-a-plain-object). Own data
    // properties, so that a `__proto__` keyword is a key, as in Python.
    return [Object.fromEntries(Object.entries(kw).map(([k, v]) => [k, this.value(v)]))];
  }

  /** A result to its trace form, as run.py's `out`. */
  out(x: unknown): unknown {
    if (x === undefined || x === null) return null;
    if (typeof x === 'boolean' || typeof x === 'number' || typeof x === 'string') return x;
    if (x instanceof Obj) return { obj: x.name };
    if (x instanceof KeyedRef) return { keyedref: this.out(x()), key: this.out(x.key) };
    if (x instanceof WeakMethod) return { weakmethod: x() !== undefined };
    if (x instanceof ref) return { ref: this.out((x as ref)()) };
    if (x instanceof finalize) return { other: 'finalize' };
    if (x instanceof MethodType) return { method: this.out(x.__self__), func: (x.__func__ as { name: string }).name };
    if (typeof x === 'function') {
      const name = (x as { name?: unknown }).name;
      if (typeof name === 'string' && name !== '') return { fn: name };
    }
    if (x instanceof PyWeakSet) return { weakset: [...x].map((m) => (m instanceof Obj ? m.name : String(m))).sort() };
    if (x instanceof WeakValueDictionary) return { wvd: [...x.items()].map(([k, v]) => [this.out(k), this.out(v)]) };
    if (x instanceof WeakKeyDictionary) return { wkd: [...x.items()].map(([k, v]) => [this.out(k), this.out(v)]) };
    if (Array.isArray(x)) return x.map((e) => this.out(e));
    if (typeof (x as Iterator<unknown>).next === 'function' && typeof x === 'object') {
      return Array.from(x as IterableIterator<unknown>, (e) => this.out(e));
    }
    return { other: (x as object).constructor?.name ?? typeof x };
  }

  private error(e: unknown): TraceEntry {
    if (e instanceof KeyError) {
      // Python's args[0], as run.py reports it: the key, or the message of the fixed-message KeyErrors.
      return ['error', 'KeyError', e.args.length > 0 ? this.out(e.args[0]) : null];
    }
    if (e instanceof ProgramError) throw e;
    if (e instanceof Error) return ['error', e.name, e.message];
    return ['error', typeof e, String(e)];
  }

  // ---- callbacks ------------------------------------------------------------------------------

  private callback(label: string, variable: string): (w: unknown) => void {
    const raising = label.startsWith('!');
    const cb = (w: unknown): void => {
      this.log(['callback', label, this.env.get(variable) === w]);
      if (raising) {
        raisingProgram = this;
        throw new Error(label);
      }
    };
    this.labels.set(cb, label);
    return cb;
  }

  private finalizerFunc(): (label: string, ...args: unknown[]) => string {
    return (label, ...args) => {
      this.log(['finalize', label, args.map((a) => this.out(a))]);
      return label;
    };
  }

  // ---- operations -----------------------------------------------------------------------------

  private run(op: Op): void {
    let result: TraceEntry | undefined;
    try {
      result = this.exec(op);
    } catch (e) {
      this.trace.push(this.error(e));
      return;
    }
    if (result !== undefined) this.trace.push(result);
  }

  private get(name: string): any {
    if (!this.env.has(name)) throw new ProgramError(`unknown variable ${name}`);
    return this.env.get(name);
  }

  private exec(op: Op): TraceEntry | undefined {
    switch (op.op) {
      case 'new':
        this.env.set(op.var, op.cls === 'Fn' ? makeFn(op.var) : new Obj(op.var));
        return undefined;
      case 'ref': {
        const target = this.value(op.target);
        this.env.set(
          op.var,
          op.cb !== undefined ? ref(target as WeakKey, this.callback(op.cb, op.var)) : ref(target as WeakKey),
        );
        return undefined;
      }
      case 'proxy': {
        const target = this.value(op.target);
        this.env.set(
          op.var,
          op.cb !== undefined ? proxy(target as WeakKey, this.callback(op.cb, op.var)) : proxy(target as WeakKey),
        );
        return undefined;
      }
      case 'keyedref':
        this.env.set(
          op.var,
          new KeyedRef(this.value(op.target) as WeakKey, this.callback(op.cb, op.var), this.value(op.key)),
        );
        return undefined;
      case 'call':
        return ['call', this.out((this.get(op.ref) as Callable)())];
      case 'callbackof': {
        const cb = this.get(op.ref).__callback__ as Function | undefined;
        return ['callbackof', cb === undefined ? null : (this.labels.get(cb) ?? '?')];
      }
      case 'is':
        return ['is', this.get(op.a) === this.get(op.b)];
      case 'eq': {
        const a = this.get(op.a);
        return ['eq', typeof a.__eq__ === 'function' ? Boolean(a.__eq__(this.get(op.b))) : a === this.get(op.b)];
      }
      case 'count':
        return ['count', getweakrefcount(this.value(op.target))];
      case 'refs':
        return ['refs', getweakrefs(this.value(op.target)).map((w) => this.refName(w))];
      case 'getattr':
        return ['getattr', this.out(this.get(op.obj)[op.attr])];
      case 'setattr':
        this.get(op.obj)[op.attr] = this.value(op.value);
        return undefined;
      case 'callp':
        return ['callp', this.out((this.get(op.obj) as Callable)(...(op.args ?? []).map((a) => this.value(a))))];
      case 'wvd':
      case 'wkd':
      case 'ws': {
        const Ctor = op.op === 'wvd' ? WeakValueDictionary : op.op === 'wkd' ? WeakKeyDictionary : PyWeakSet;
        const args = [...(op.args ?? []).map((a) => this.value(a)), ...this.kwargs(op.kw)];
        this.env.set(op.var, Reflect.construct(Ctor, args));
        return undefined;
      }
      case 'm': {
        const target = this.get(op.obj);
        const args = [...(op.args ?? []).map((a) => this.value(a)), ...this.kwargs(op.kw)];
        const method = target[op.name];
        if (typeof method !== 'function') throw new ProgramError(`no method ${op.name} on ${op.obj}`);
        const result = Reflect.apply(method, target, args);
        if (op.into !== undefined) this.env.set(op.into, result);
        return ['m', op.name, this.out(result)];
      }
      case 'len': {
        const target = this.get(op.obj);
        if (target.size !== target.__len__()) throw new ProgramError('size and __len__() disagree');
        return ['len', target.size];
      }
      case 'in':
        return ['in', this.get(op.obj).has(this.value(op.key))];
      case 'iter': {
        const target = this.get(op.obj);
        const items = Array.from(target as Iterable<unknown>, (x) => this.out(x));
        if (target instanceof PyWeakSet) items.sort(byJson);
        return ['iter', items];
      }
      case 'popall': {
        const s = this.get(op.obj) as PyWeakSet;
        const popped: unknown[] = [];
        for (;;) {
          try {
            popped.push(this.out(s.pop()));
          } catch (e) {
            return ['popall', popped.sort(byJson), this.error(e)];
          }
        }
      }
      case 'wm': {
        const obj = this.get(op.obj);
        this.env.set(
          op.var,
          op.cb !== undefined
            ? new WeakMethod(obj, op.meth, this.callback(op.cb, op.var))
            : new WeakMethod(obj, op.meth),
        );
        return undefined;
      }
      case 'wmcall': {
        const bound = (this.get(op.var) as Callable)() as Callable | undefined;
        return ['wmcall', bound === undefined ? null : this.out(bound())];
      }
      case 'mt': {
        const func = op.func === undefined ? Obj.prototype.m : this.value(op.func);
        this.env.set(op.var, MethodType(func as Callable, this.value(op.obj)));
        return undefined;
      }
      case 'wm1': {
        const m = this.get(op.m);
        this.env.set(op.var, op.cb !== undefined ? WeakMethod(m, this.callback(op.cb, op.var)) : WeakMethod(m));
        return undefined;
      }
      case 'wmget':
        this.env.set(op.into, (this.get(op.var) as Callable)());
        return undefined;
      case 'mcall':
        return ['mcall', this.out((this.get(op.var) as Callable)())];
      case 'hasheq':
        return ['hasheq', this.get(op.a).__hash__() === this.get(op.b).__hash__()];
      case 'fin': {
        const obj = this.value(op.obj);
        const f = finalize(
          obj as WeakKey,
          this.finalizerFunc(),
          op.label,
          ...(op.args ?? []).map((a) => this.value(a)),
        );
        this.finalizers.push(f);
        this.env.set(op.var, f);
        return undefined;
      }
      case 'finop': {
        const f = this.get(op.var) as finalize;
        if (op.name === 'alive') return ['fin', op.name, f.alive];
        if (op.name === 'atexit') return ['fin', op.name, f.atexit];
        if (op.name === 'call') return ['fin', op.name, this.out(f())];
        const info = op.name === 'detach' ? f.detach() : f.peek();
        if (info === undefined) return ['fin', op.name, null];
        return ['fin', op.name, [this.out(info[0]), (info[2] as unknown[]).map((a) => this.out(a))]];
      }
      case 'gc':
        if (op.name === 'isenabled') return ['gc', 'isenabled', gc.isenabled()];
        if (op.name === 'enable') gc.enable();
        else gc.disable();
        this.gcEnabled = op.name === 'enable';
        return undefined;
      case 'del':
      case 'collect':
        throw new ProgramError('boundaries are handled by runSegment');
    }
  }

  private refName(w: object): string {
    for (const [name, value] of this.env) if (value === w) return `$${name}`;
    if (w instanceof KeyedRef) return 'KeyedRef';
    if (w instanceof WeakMethod) return 'WeakMethod';
    if (w instanceof ref) return 'ref';
    if (ProxyTypes.some((T) => w instanceof T)) return 'proxy';
    return '?';
  }
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Runs `programs` in lock-step (see the module comment) and returns their traces. */
export async function runPrograms(programs: Program[]): Promise<{ traces: Trace[]; collections: number }> {
  const runs = programs.map((p) => new ProgramRun(p));
  const saved = sys.unraisablehook;
  // Failing callbacks run during the shared gc.collect(); each names its program just before it throws.
  sys.unraisablehook = (args) => raisingProgram?.unraisable(args);
  let collections = 0;
  try {
    for (;;) {
      let boundary = false;
      for (const r of runs) if (!r.finished && r.runSegment()) boundary = true;
      if (!boundary) break;
      await gc.collect();
      collections++;
    }
    const traces = runs.map((r) => r.finish());
    await gc.collect();
    return { traces, collections };
  } finally {
    sys.unraisablehook = saved;
    raisingProgram = undefined;
    gc.enable();
  }
}
