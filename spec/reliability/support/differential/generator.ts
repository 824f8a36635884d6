/**
 * Seeded, deterministic generation of differential programs (language.ts). The generator tracks what
 * each variable holds, so that every program is well formed: variables are never reused (in CPython,
 * rebinding a name frees the old object on the spot), a `del` deletes reference objects before their
 * referents (deleting a referent first runs the reference's callback in CPython and not here: the
 * documented "death in the same collection" deviation), `count`/`refs` come right after a `del` or
 * `collect`, and values that containers hold strongly are primitives, so that every object dies at the
 * `del` of its last variable in both interpreters.
 */
import type { Op, Program, Value } from './language';

/** mulberry32: a small, fast, seedable PRNG (deterministic across platforms). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'obj' | 'fn' | 'ref' | 'proxy' | 'fnproxy' | 'keyedref' | 'wvd' | 'wkd' | 'ws' | 'wm' | 'fin' | BoundKind;
/** A bound method (of an object variable), one bound to a primitive, one taken from a WeakMethod (or None). */
type BoundKind = 'bm' | 'pbm' | 'bmq';
const BOUND: readonly Kind[] = ['bm', 'pbm', 'bmq'];

/** Whether a value names a variable (every other value in these programs is a bad primitive). */
const isVar = (v: Value): boolean => v !== null && typeof v === 'object' && 'v' in v;

/** A primitive that cannot be weakly referenced: the bad inputs of the generated programs. */
const BAD: Value[] = [1, 'text', null, 2.5];
const WVD_KEYS: Value[] = ['a', 'b', 'c', 1, 2, '__proto__', 'constructor', 'get'];

class Gen {
  private readonly rnd: () => number;
  private readonly vars = new Map<string, Kind>();
  private readonly ops: Op[] = [];
  /** What a bound-method variable holds strongly: deleted with any of these (see del()). */
  private readonly strong = new Map<string, string[]>();
  /** The object and function variables of a WeakMethod variable (what a `wmget` of it holds). */
  private readonly wmParts = new Map<string, string[]>();
  private n = 0;
  private labels = 0;

  constructor(seed: number) {
    this.rnd = prng(seed);
  }

  private int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  private chance(p: number): boolean {
    return this.rnd() < p;
  }
  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  private fresh(prefix: string): string {
    return `${prefix}${++this.n}`;
  }
  private label(): string {
    return `${this.chance(0.1) ? '!' : ''}c${++this.labels}`;
  }
  private varsOf(...kinds: Kind[]): string[] {
    return [...this.vars].filter(([, k]) => kinds.includes(k)).map(([v]) => v);
  }
  private someObj(): string | undefined {
    const objs = this.varsOf('obj');
    return objs.length === 0 ? undefined : this.pick(objs);
  }
  /** An object variable, or now and then a bad primitive. */
  private target(badRate = 0.05): Value {
    const o = this.someObj();
    if (o === undefined || this.chance(badRate)) return this.pick(BAD);
    return { v: o };
  }
  /**
   * A list of objects. One bad item comes alone: CPython applies the items before a bad one (the
   * documented "no partial updates" deviation), so a bad item among good ones would differ.
   */
  private objList(max: number, badRate = 0): Value {
    let items: Value[] = [];
    for (let i = this.int(max + 1); i > 0; i--) items.push(this.target(badRate));
    const bad = items.find((x) => !isVar(x));
    if (bad !== undefined) items = [bad];
    return this.chance(0.2) ? { gen: items } : this.chance(0.2) ? { set: items } : { list: items };
  }
  private push(op: Op): void {
    this.ops.push(op);
  }

  private newObj(): void {
    const cls = this.chance(0.1) ? 'Fn' : 'Obj';
    const v = this.fresh(cls === 'Fn' ? 'f' : 'o');
    this.push(cls === 'Fn' ? { op: 'new', var: v, cls } : { op: 'new', var: v });
    this.vars.set(v, cls === 'Fn' ? 'fn' : 'obj');
  }

  private refLike(): void {
    const kind = this.pick(['ref', 'ref', 'proxy', 'keyedref'] as const);
    const v = this.fresh(kind === 'proxy' ? 'p' : kind === 'keyedref' ? 'k' : 'r');
    const fns = this.varsOf('fn');
    const toFn = kind === 'proxy' && fns.length > 0 && this.chance(0.4);
    const target: Value = toFn ? { v: this.pick(fns) } : this.target();
    if (kind === 'keyedref') this.push({ op: 'keyedref', var: v, target, cb: this.label(), key: this.pick(WVD_KEYS) });
    else if (this.chance(0.6)) this.push({ op: kind, var: v, target, cb: this.label() });
    else this.push({ op: kind, var: v, target });
    // A failed creation binds nothing, in both interpreters.
    if (isVar(target)) this.vars.set(v, toFn ? 'fnproxy' : kind);
  }

  private useRef(): void {
    const refs = this.varsOf('ref', 'keyedref');
    const keyed = this.varsOf('keyedref');
    const proxies = this.varsOf('proxy', 'fnproxy');
    const fnProxies = this.varsOf('fnproxy');
    const r = this.int(6);
    if (r === 0 && refs.length > 0) this.push({ op: 'call', ref: this.pick(refs) });
    else if (r === 1 && refs.length > 0) this.push({ op: 'callbackof', ref: this.pick(refs) });
    else if (r === 2 && refs.length > 1)
      this.push({ op: this.chance(0.5) ? 'is' : 'eq', a: this.pick(refs), b: this.pick(refs) });
    else if (r === 3 && proxies.length > 0)
      this.push({ op: 'getattr', obj: this.pick(proxies), attr: this.pick(['name', 'x']) });
    else if (r === 4 && proxies.length > 0)
      this.push({ op: 'setattr', obj: this.pick(proxies), attr: 'x', value: this.int(10) });
    else if (r === 5 && fnProxies.length > 0) this.push({ op: 'callp', obj: this.pick(fnProxies), args: [] });
    else if (keyed.length > 0) this.push({ op: 'getattr', obj: this.pick(keyed), attr: 'key' });
  }

  private container(): void {
    const kind = this.pick(['wvd', 'wkd', 'ws'] as const);
    const v = this.fresh(kind === 'ws' ? 's' : 'd');
    // Never a bad input in a constructor: a failed construction binds nothing, and later operations
    // on the name would then fail differently in the two interpreters.
    if (kind === 'ws')
      this.push(this.chance(0.5) ? { op: 'ws', var: v, args: [this.objList(3)] } : { op: 'ws', var: v });
    else if (kind === 'wvd' && this.chance(0.3) && this.someObj() !== undefined) {
      const kw: Record<string, Value> = {};
      kw[String(this.pick(['a', 'b', '__proto__']))] = { v: this.someObj()! };
      this.push({ op: 'wvd', var: v, kw });
    } else if (this.chance(0.3)) this.push({ op: kind, var: v, args: [this.pairs(kind, 0)] });
    else this.push({ op: kind, var: v });
    this.vars.set(v, kind);
  }

  /** Pairs for a dictionary: WeakValueDictionary keys are primitives, WeakKeyDictionary values too. */
  private pairs(kind: 'wvd' | 'wkd', badRate = 0.05): Value {
    const list = this.pairList(kind, badRate);
    return this.chance(0.3) ? { map: list } : { pairs: list };
  }

  /** Pairs; a bad one comes alone (see {@link objList}). */
  private pairList(kind: 'wvd' | 'wkd', badRate: number): Array<[Value, Value]> {
    const pairs: Array<[Value, Value]> = [];
    for (let i = this.int(3); i >= 0; i--) {
      pairs.push(kind === 'wvd' ? [this.pick(WVD_KEYS), this.target(badRate)] : [this.target(badRate), this.int(5)]);
    }
    const bad = pairs.find(([k, v]) => !isVar(kind === 'wvd' ? v : k));
    return bad !== undefined ? [bad] : pairs;
  }

  private dictOp(d: string, kind: 'wvd' | 'wkd'): void {
    const key = (): Value => (kind === 'wvd' ? this.pick(WVD_KEYS) : this.target(0.05));
    const value = (): Value => (kind === 'wvd' ? this.target(0.05) : this.int(5));
    const others = this.varsOf(kind);
    const mapping = (): Value =>
      others.length > 0 && this.chance(0.4) ? { v: this.pick(others) } : { map: this.pairList(kind, 0) };
    const r = this.int(19);
    const m = (name: string, args: Value[] = [], into?: string): void => {
      const op: Op = { op: 'm', obj: d, name, args };
      if (into !== undefined) {
        op.into = into;
        this.vars.set(into, kind);
      }
      this.push(op);
    };
    switch (r) {
      case 0:
      case 1:
      case 2:
        return m('__setitem__', [key(), value()]);
      case 3:
        return m('get', this.chance(0.5) ? [key()] : [key(), 'dflt']);
      case 4:
        return m('__getitem__', [key()]);
      case 5:
        return m('__delitem__', [key()]);
      case 6:
        return m('pop', this.chance(0.5) ? [key()] : [key(), 'dflt']);
      case 7:
        return m('popitem');
      case 8:
        return m('setdefault', [key(), value()]);
      case 9:
        return m('update', [this.pairs(kind)]);
      case 10:
        return m(this.pick(['keys', 'values', 'items']));
      case 11:
        return m(kind === 'wvd' ? 'valuerefs' : 'keyrefs');
      case 12:
        return m('copy', [], this.fresh('d'));
      case 13:
        return this.chance(0.2) ? m('clear') : m('__contains__', [key()]);
      case 14:
        return m('__eq__', [mapping()]);
      case 15:
        return m(this.pick(['__or__', '__ror__']), [mapping()], this.fresh('d'));
      case 16:
        return m('__ior__', [this.pairs(kind)]);
      case 17:
        return this.push({ op: 'len', obj: d });
      default:
        return this.push(this.chance(0.5) ? { op: 'iter', obj: d } : { op: 'in', obj: d, key: key() });
    }
  }

  private setOp(s: string): void {
    const sets = this.varsOf('ws');
    const other = (badRate = 0.03): Value => (this.chance(0.3) ? { v: this.pick(sets) } : this.objList(3, badRate));
    const m = (name: string, args: Value[] = [], into?: string): void => {
      const op: Op = { op: 'm', obj: s, name, args };
      if (into !== undefined) {
        op.into = into;
        this.vars.set(into, 'ws');
      }
      this.push(op);
    };
    const r = this.int(12);
    switch (r) {
      case 0:
      case 1:
      case 2:
        return m('add', [this.target()]);
      case 3:
        return m(this.pick(['discard', 'remove']), [this.target()]);
      case 4:
        return m('update', [other()]);
      case 5:
        return m(
          this.pick([
            'union',
            'intersection',
            'difference',
            'symmetric_difference',
            '__or__',
            '__and__',
            '__sub__',
            '__xor__',
          ]),
          [other(0)], // bound to a new name: it must not fail
          this.fresh('s'),
        );
      case 6:
        // Not intersection_update / __iand__: CPython replaces the members' refs by callback-less ones
        // there (`self.data.intersection_update(ref(item) for item in other)`), after which a member's
        // death is never noticed (len() counts it for ever). pyweakref keeps the callbacks; the
        // difference is reported in docs/reliability.md and pinned in hostile-callbacks.spec.ts.
        return m(this.pick(['difference_update', 'symmetric_difference_update', '__ior__', '__isub__', '__ixor__']), [
          other(),
        ]);
      case 7:
        return m(this.pick(['issubset', 'issuperset', 'isdisjoint', '__le__', '__lt__', '__ge__', '__gt__']), [
          other(),
        ]);
      case 8:
        // Python's WeakSet.__eq__ answers NotImplemented for anything but a WeakSet: compare sets only.
        return m(this.pick(['__eq__', '__ne__']), [{ v: this.pick(sets) }]);
      case 9:
        return this.chance(0.3) ? this.push({ op: 'popall', obj: s }) : m('copy', [], this.fresh('s'));
      case 10:
        return this.push(this.chance(0.5) ? { op: 'len', obj: s } : { op: 'in', obj: s, key: this.target(0.1) });
      default:
        return this.push({ op: 'iter', obj: s });
    }
  }

  private weakMethodOrFinalizer(): void {
    const o = this.someObj();
    if (o === undefined) return;
    if (this.chance(0.5)) {
      const v = this.fresh('w');
      this.push(
        this.chance(0.6)
          ? { op: 'wm', var: v, obj: o, meth: 'm', cb: this.label() }
          : { op: 'wm', var: v, obj: o, meth: 'm' },
      );
      this.vars.set(v, 'wm');
      this.wmParts.set(v, [o]);
    } else {
      const v = this.fresh('F');
      const args: Value[] = [];
      for (let i = this.int(3); i > 0; i--) args.push(this.int(9));
      const obj = this.chance(0.05) ? this.pick(BAD) : { v: o };
      this.push({ op: 'fin', var: v, obj, label: `fin${++this.labels}`, args });
      if (isVar(obj)) this.vars.set(v, 'fin');
    }
  }

  private useWmOrFin(): void {
    const wms = this.varsOf('wm');
    const fins = this.varsOf('fin');
    if (wms.length > 0 && this.chance(0.5)) this.push({ op: 'wmcall', var: this.pick(wms) });
    else if (fins.length > 0)
      this.push({
        op: 'finop',
        var: this.pick(fins),
        name: this.pick(['alive', 'atexit', 'call', 'detach', 'peek'] as const),
      });
  }

  /**
   * Bound methods (`types.MethodType`, Python's `obj.m` as a value) and the one-argument WeakMethod:
   * made, called, compared and hashed, weakly referenced, and taken back out of a WeakMethod.
   */
  private boundMethod(): void {
    // A few at a time: a bound method is short-lived, and most of these need one to exist.
    for (let i = 1 + this.int(3); i > 0; i--) this.boundMethodOp();
  }

  private boundMethodOp(): void {
    const bms = this.varsOf('bm');
    const wms = this.varsOf('wm');
    const r = this.int(8);
    if (r === 0 || bms.length === 0) {
      const holders = this.varsOf('obj', 'fn');
      if (holders.length === 0) return;
      // Now and then a bad `obj` (None fails; a primitive is a valid __self__) or a bad `func`.
      const self: Value = this.chance(0.1) ? this.pick([null, 1, 'text']) : { v: this.pick(holders) };
      const fns = this.varsOf('fn');
      const func: Value | undefined = this.chance(0.05)
        ? this.pick([1, 'text'])
        : fns.length > 0 && this.chance(0.3)
          ? { v: this.pick(fns) }
          : undefined;
      const v = this.fresh('m');
      this.push(func === undefined ? { op: 'mt', var: v, obj: self } : { op: 'mt', var: v, obj: self, func });
      if ((func !== undefined && !isVar(func)) || self === null) return; // a failed creation binds nothing
      // Both parts are held strongly, a function variable too (also by a method bound to a primitive).
      this.strong.set(
        v,
        [self, func ?? null].flatMap((x) => (x !== null && isVar(x) ? [(x as { v: string }).v] : [])),
      );
      if (!isVar(self)) return void this.vars.set(v, 'pbm');
      this.vars.set(v, 'bm');
      // Most bound methods of Python programs are made to be passed on: often weakly referenced at once.
      if (this.chance(0.5)) this.weakMethodOf(v);
    } else if (r === 1 || r === 2) {
      // WeakMethod(m): of a bound method, of one bound to a primitive or maybe None (both may fail), or
      // now and then of an object (fails: not a bound method). Never an object with a callback:
      // `WeakMethod(obj, f)` is pyweakref's two-argument form, where CPython raises (porting guide,
      // "Two forms").
      const sources = this.varsOf(...BOUND);
      const o = this.someObj();
      const m = sources.length === 0 || this.chance(0.05) ? o : this.pick(sources);
      if (m !== undefined) this.weakMethodOf(m);
    } else if (r === 3 && wms.length > 0) {
      const w = this.pick(wms);
      const q = this.fresh('q');
      this.push({ op: 'wmget', var: w, into: q });
      this.vars.set(q, 'bmq');
      this.strong.set(q, this.wmParts.get(w) ?? []);
    } else if (r === 4) this.push({ op: 'mcall', var: this.pick(bms) });
    else if (r === 5) this.push({ op: this.pick(['eq', 'hasheq'] as const), a: this.pick(bms), b: this.pick(bms) });
    else if (r === 6) {
      // `==` between a bound method and a WeakMethod (both NotImplemented in CPython), or `is`, which
      // also holds for None.
      const any = [...bms, ...this.varsOf('bmq')];
      if (wms.length > 0 && this.chance(0.5))
        this.push({ op: 'eq', a: this.pick([...bms, ...wms]), b: this.pick(bms) });
      else this.push({ op: 'is', a: this.pick(any), b: this.pick(any) });
    } else this.push({ op: 'getattr', obj: this.pick(bms), attr: '__self__' });
  }

  /** `WeakMethod(m, callback?)` of the variable `m`. */
  private weakMethodOf(m: string): void {
    const v = this.fresh('w');
    const withCallback = this.vars.get(m) !== 'obj' && this.chance(0.6);
    this.push(withCallback ? { op: 'wm1', var: v, m, cb: this.label() } : { op: 'wm1', var: v, m });
    if (this.vars.get(m) !== 'bm') return; // it may fail: never used again (env.clear() drops it)
    this.vars.set(v, 'wm');
    this.wmParts.set(v, this.strong.get(m)!);
  }

  /** A `del` of one or two variables (reference objects first), then probes of the survivors. */
  private del(): void {
    const candidates = [...this.vars.keys()];
    if (candidates.length === 0) return;
    const chosen = new Set<string>();
    const objs = this.varsOf('obj', 'fn');
    if (objs.length > 0 && this.chance(0.8)) chosen.add(this.pick(objs));
    if (this.chance(0.5)) chosen.add(this.pick(candidates));
    if (chosen.size === 0) chosen.add(this.pick(candidates));
    // The bound methods that hold a chosen object go in the same `del`: an object then dies exactly at
    // the `del` of its own variable, where normalise.ts ranks its callbacks.
    for (const [m, held] of this.strong) if (this.vars.has(m) && held.some((x) => chosen.has(x))) chosen.add(m);
    const rank = (v: string): number =>
      ['obj', 'fn'].includes(this.vars.get(v)!)
        ? 2
        : ['wvd', 'wkd', 'ws', ...BOUND].includes(this.vars.get(v)!)
          ? 1
          : 0;
    const vars = [...chosen].sort((a, b) => rank(a) - rank(b));
    this.push({ op: 'del', vars });
    for (const v of vars) this.vars.delete(v);
    for (let i = this.int(3); i > 0; i--) {
      const o = this.someObj();
      if (o !== undefined) this.push({ op: this.chance(0.6) ? 'count' : 'refs', target: { v: o } });
    }
  }

  program(length: number): Program {
    for (let i = 0; i < 2; i++) this.newObj();
    while (this.ops.length < length) {
      const r = this.int(100);
      const dicts = this.varsOf('wvd', 'wkd');
      const sets = this.varsOf('ws');
      if (r < 8 || this.varsOf('obj').length === 0) this.newObj();
      else if (r < 22) this.refLike();
      else if (r < 32) this.useRef();
      else if (r < 38) this.container();
      else if (r < 55 && dicts.length > 0) {
        const d = this.pick(dicts);
        this.dictOp(d, this.vars.get(d) as 'wvd' | 'wkd');
      } else if (r < 68 && sets.length > 0) this.setOp(this.pick(sets));
      else if (r < 75) this.weakMethodOrFinalizer();
      else if (r < 80) this.useWmOrFin();
      else if (r < 90) this.del();
      else if (r < 92) this.push({ op: 'collect' });
      else if (r < 97) this.boundMethod();
      else this.push({ op: 'gc', name: this.pick(['disable', 'enable', 'isenabled'] as const) });
    }
    // Everything dies at the end, in one last del: its callbacks are compared too.
    const rest = [...this.vars.keys()];
    if (rest.length > 0) {
      const rank = (v: string): number => (['obj', 'fn'].includes(this.vars.get(v)!) ? 1 : 0);
      this.push({ op: 'del', vars: rest.sort((a, b) => rank(a) - rank(b)) });
    }
    return this.ops;
  }
}

type Pairs = Array<[Value, Value]>;

function pairsIn(value: Value | undefined): Pairs | undefined {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  if ('pairs' in value) return value.pairs;
  if ('map' in value) return value.map;
  return undefined;
}

/**
 * Drops the writes of a value under a key of a WeakValueDictionary that (may) already hold that very
 * value there. CPython makes a new KeyedRef then (the newest in the value's weakref list) where
 * pyweakref keeps the old one, a documented deviation (porting-notes/dictionaries.md, "Setting the
 * same value again") that only `getweakrefs()` order could show. Conservative: any earlier write of
 * the pair, through any operation, counts.
 */
function avoidSameValueRewrites(program: Program): Program {
  const writes = new Map<string, Set<string>>();
  const tag = (k: Value, v: Value): string | undefined =>
    isVar(v) ? `${JSON.stringify(k)}|${(v as { v: string }).v}` : undefined;
  const fresh = (set: Set<string>, pairs: Pairs): Pairs =>
    pairs.filter(([k, v]) => {
      const t = tag(k, v);
      if (t === undefined) return true;
      if (set.has(t)) return false;
      set.add(t);
      return true;
    });
  const rewrap = (value: Value, pairs: Pairs): Value => ('pairs' in (value as object) ? { pairs } : { map: pairs });
  const out: Program = [];
  for (const op of program) {
    if (op.op === 'wvd') {
      const set = new Set<string>();
      writes.set(op.var, set);
      const pairs = pairsIn(op.args?.[0]);
      if (pairs !== undefined) {
        out.push({ ...op, args: [rewrap(op.args![0], fresh(set, pairs))] });
        continue;
      }
      for (const [k, v] of Object.entries(op.kw ?? {})) fresh(set, [[k, v]]);
    } else if (op.op === 'm' && writes.has(op.obj)) {
      const set = writes.get(op.obj)!;
      const args = op.args ?? [];
      if ((op.name === '__setitem__' || op.name === 'setdefault') && args.length === 2) {
        if (fresh(set, [[args[0], args[1]]]).length === 0) continue;
      } else if ((op.name === 'update' || op.name === '__ior__') && pairsIn(args[0]) !== undefined) {
        out.push({ ...op, args: [rewrap(args[0], fresh(set, pairsIn(args[0])!))] });
        continue;
      }
      if (op.into !== undefined) {
        // A copy or a union starts with the pairs of its sources.
        const merged = new Set(set);
        const other = args[0];
        if (other !== null && typeof other === 'object' && 'v' in other)
          for (const t of writes.get(other.v) ?? []) merged.add(t);
        for (const [k, v] of pairsIn(other) ?? []) {
          const t = tag(k, v);
          if (t !== undefined) merged.add(t);
        }
        writes.set(op.into, merged);
      }
    }
    out.push(op);
  }
  return out;
}

/** Program `index` of the run with `seed`: the same program every time, on every platform. */
export function generateProgram(seed: number, index: number, length = 30): Program {
  return avoidSameValueRewrites(new Gen((seed * 7919 + index * 104729) >>> 0).program(length));
}
