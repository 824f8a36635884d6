/**
 * Prototype safety: dict-style access and mapping arguments with the keys that reach prototypes in
 * plain objects (`__proto__`, `constructor`, `prototype`, `toString`, `hasOwnProperty`...), and the
 * prototypes themselves used as referents, keys, members and finalizer targets. Afterwards
 * `Object.prototype`, the built-in prototypes and every class and prototype of the library must be
 * exactly what they were: same own keys, and for each the same descriptor, compared by identity
 * (CONTRACT §5, §10).
 */
import { expect } from 'chai';
import * as weakref from '../../src';
import {
  finalize,
  getweakrefcount,
  KeyError,
  proxy,
  ref,
  WeakKeyDictionary,
  WeakMethod,
  WeakSet as PyWeakSet,
  WeakValueDictionary,
} from '../../src';

type Snapshot = Map<string, unknown>;

/** Own keys, descriptors (values, getters and setters by identity), prototype and extensibility. */
function snapshotOf(target: object): Snapshot {
  const out: Snapshot = new Map();
  out.set('[[Prototype]]', Object.getPrototypeOf(target));
  out.set('[[Extensible]]', Object.isExtensible(target));
  for (const key of Reflect.ownKeys(target)) {
    const d = Object.getOwnPropertyDescriptor(target, key)!;
    const k = typeof key === 'symbol' ? `@@${key.description}` : key;
    for (const field of ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'] as const) {
      if (field in d) out.set(`${k}.${field}`, d[field]);
    }
  }
  return out;
}

const WATCHED: Record<string, object> = {
  'Object.prototype': Object.prototype,
  'Function.prototype': Function.prototype,
  'Array.prototype': Array.prototype,
  'Map.prototype': Map.prototype,
  'Set.prototype': Set.prototype,
  'WeakMap.prototype': globalThis.WeakMap.prototype,
  'global WeakSet.prototype': globalThis.WeakSet.prototype,
  'WeakRef.prototype': globalThis.WeakRef.prototype,
  'FinalizationRegistry.prototype': globalThis.FinalizationRegistry.prototype,
  'Error.prototype': Error.prototype,
  'WeakValueDictionary.prototype': WeakValueDictionary.prototype,
  'MutableMapping.prototype': Object.getPrototypeOf(WeakValueDictionary.prototype) as object,
  'WeakKeyDictionary.prototype': WeakKeyDictionary.prototype,
  'WeakSet.prototype': PyWeakSet.prototype,
  'WeakSetUpdates.prototype': Object.getPrototypeOf(PyWeakSet.prototype) as object,
  'WeakSetCore.prototype': Object.getPrototypeOf(Object.getPrototypeOf(PyWeakSet.prototype)) as object,
  'ref.prototype': ref.prototype,
  'KeyedRef.prototype': weakref.KeyedRef.prototype,
  'WeakMethod.prototype': WeakMethod.prototype,
  'MethodType.prototype': weakref.MethodType.prototype,
  'finalize.prototype': finalize.prototype,
  'KeyError.prototype': KeyError.prototype,
  ...Object.fromEntries(
    Object.entries(weakref).filter(([, v]) => (typeof v === 'object' || typeof v === 'function') && v !== null),
  ),
};

function snapshotAll(): Map<string, Snapshot> {
  return new Map(Object.entries(WATCHED).map(([name, target]) => [name, snapshotOf(target)]));
}

function differences(before: Map<string, Snapshot>, after: Map<string, Snapshot>): string[] {
  const out: string[] = [];
  for (const [name, a] of before) {
    const b = after.get(name)!;
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      if (!a.has(key)) out.push(`${name}: ${key} was added`);
      else if (!b.has(key)) out.push(`${name}: ${key} was removed`);
      else if (!Object.is(a.get(key), b.get(key))) out.push(`${name}: ${key} changed`);
    }
  }
  return out;
}

const DANGEROUS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  '__lookupGetter__',
  'propertyIsEnumerable',
  'toLocaleString',
];

class C {
  m(): string {
    return 'm';
  }
}

type Bracket = Record<string, unknown>;

describe('Reliability: prototype safety', () => {
  let before: Map<string, Snapshot>;

  beforeEach(() => {
    before = snapshotAll();
  });

  afterEach(() => {
    const diff = differences(before, snapshotAll());
    expect(diff, `prototypes changed:\n  ${diff.join('\n  ')}`).to.deep.equal([]);
    expect(({} as Bracket).polluted, 'Object.prototype polluted').to.equal(undefined);
  });

  it('should store, read, test and delete dangerous keys through dict-style access as entries only', () => {
    const d = new WeakValueDictionary<string, object>();
    const b = d as unknown as Bracket;
    const values = new Map(DANGEROUS.map((k) => [k, new C()]));
    for (const [k, v] of values) b[k] = v;
    for (const [k, v] of values) {
      expect(d.get(k), `get(${k})`).to.equal(v);
      expect(d.__getitem__(k), `__getitem__(${k})`).to.equal(v);
      expect(d.has(k) && k in d, `has/in ${k}`).to.equal(true);
    }
    // Documented reads: `__proto__` and names only Object.prototype defines read the entry; class
    // members (`constructor`, `toString`) read the member.
    expect(b['__proto__']).to.equal(values.get('__proto__'));
    expect(b['hasOwnProperty']).to.equal(values.get('hasOwnProperty'));
    expect(b['prototype']).to.equal(values.get('prototype'));
    expect(b['constructor']).to.equal(WeakValueDictionary);
    expect(b['toString']).to.equal(WeakValueDictionary.prototype.toString);
    expect(Object.getPrototypeOf(d)).to.equal(WeakValueDictionary.prototype);
    expect(d).to.be.instanceOf(WeakValueDictionary);
    expect(Object.keys(d)).to.deep.equal([]);
    expect([...d.keys()]).to.deep.equal(DANGEROUS);
    expect(String(d)).to.match(/^<WeakValueDictionary at 0x[0-9a-f]+>$/);
    for (const k of DANGEROUS) expect(delete b[k], `delete ${k}`).to.equal(true);
    expect(d.size).to.equal(0);
    expect(Object.getPrototypeOf(d)).to.equal(WeakValueDictionary.prototype);
    expect(typeof d.toString).to.equal('function');
  });

  it('should never reach a prototype through `__proto__` writes, even of prototypes themselves as values', () => {
    const d = new WeakValueDictionary<string, object>();
    const b = d as unknown as Bracket;
    b['__proto__'] = Object.prototype;
    b['__proto__'] = Array.prototype;
    b['prototype'] = Function.prototype;
    b['constructor'] = WeakValueDictionary.prototype;
    expect(Object.getPrototypeOf(d)).to.equal(WeakValueDictionary.prototype);
    expect(d.get('__proto__')).to.equal(Array.prototype);
    expect(d.get('constructor')).to.equal(WeakValueDictionary.prototype);
    d.clear();
  });

  it('should read keyword objects, Maps and pairs with dangerous keys as plain data', () => {
    const o = new C();
    const kw = Object.fromEntries(DANGEROUS.map((k) => [k, o])); // own data properties, `__proto__` included
    const d = new WeakValueDictionary<string, C>(kw);
    expect([...d.keys()]).to.deep.equal(DANGEROUS);
    d.clear();
    d.update(kw);
    d.update(new Map(DANGEROUS.map((k) => [k, o])));
    d.update(DANGEROUS.map((k) => [k, o] as [string, C]));
    expect(d.size).to.equal(DANGEROUS.length);
    expect(d.__eq__(kw)).to.equal(true);
    const merged = d.__or__(kw);
    expect([...merged.keys()]).to.deep.equal(DANGEROUS);
    const reflected = d.__ror__(kw);
    expect([...reflected.keys()]).to.deep.equal(DANGEROUS);
    expect(Object.fromEntries(d.items())).to.deep.equal(kw);
    expect(() => d.__getitem__('missing')).to.throw(KeyError);
    expect(new KeyError('__proto__').key).to.equal('__proto__');
  });

  it('should keep dict-style access of a subclass away from prototypes', () => {
    class Sub extends WeakValueDictionary<string, object> {
      hits = 0;
    }
    const d = new Sub();
    const b = d as unknown as Bracket;
    b['__proto__'] = new C();
    b['constructor'] = new C();
    b['hits'] = 5; // an own property (a class field) is a member: written, not stored
    expect(Object.getPrototypeOf(d)).to.equal(Sub.prototype);
    expect(d.hits).to.equal(5);
    expect(d.has('hits')).to.equal(false);
    expect([...d.keys()]).to.deep.equal(['__proto__', 'constructor']);
  });

  it('should hold prototypes and classes weakly without touching them: refs, proxies, keys, members, finalizers', () => {
    const targets: object[] = [
      Object.prototype,
      Function.prototype,
      Array.prototype,
      WeakValueDictionary.prototype,
      ref.prototype,
      WeakValueDictionary,
      ref,
    ];
    const wkd = new WeakKeyDictionary<object, number>();
    const ws = new PyWeakSet<object>();
    const wvd = new WeakValueDictionary<number, object>();
    const held: unknown[] = [];
    targets.forEach((t, i) => {
      held.push(
        ref(t),
        ref(t, () => undefined),
        proxy(t),
        new weakref.KeyedRef(t, null, i),
      );
      wkd.set(t, i);
      ws.add(t);
      wvd.set(i, t);
      const f = finalize(t, () => undefined);
      expect(f.peek()![0]).to.equal(t);
      f.detach();
      expect(getweakrefcount(t)).to.be.at.least(7);
    });
    held.push(new WeakMethod(Object.prototype, 'toString'));
    expect((held[held.length - 1] as WeakMethod)()!()).to.equal('[object Object]');
    // Reading through a proxy of a prototype forwards, and writes nothing.
    expect((held[2] as Bracket).hasOwnProperty).to.be.a('function');
    expect(String(wkd)).to.match(/WeakKeyDictionary/);
    expect(String(ws)).to.contain("to 'Object'");
    wkd.clear();
    ws.clear();
    wvd.clear();
  });
});
