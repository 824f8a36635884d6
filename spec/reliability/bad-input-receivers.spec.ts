/**
 * Bad-input matrix, part 3: every method and accessor of every public class, called with a stranger
 * as `this` (`WeakSet.prototype.add.call({}, o)`, Python's `WeakSet.add(object(), o)`): a TypeError
 * in the library's descriptor form, `descriptor 'add' requires a 'WeakSet' object but received
 * 'Object'` (src/internal/messages.ts `wrongReceiver`), never an error from inside the library (a
 * private field read on the stranger, a property of `undefined`) and never a result.
 *
 * The methods are found by walking the prototypes, so a method added later is covered without
 * editing this file. Exempt: `Symbol.toStringTag` getters (a constant, as `Map.prototype`'s is a
 * plain string) and the library's internal symbol-named methods (`pyweakref.*`).
 */
import {
  finalize,
  KeyedRef,
  MethodType,
  ref,
  WeakKeyDictionary,
  WeakMethod,
  WeakSet as PyWeakSet,
  WeakValueDictionary,
} from '../../src';
import { checkOutcome, expectNoFailures, throws } from './support/bad-values';

class C {
  m(): number {
    return 1;
  }
}

const DESCRIPTOR_ERROR = /^descriptor '[^']+' requires a '[^']+' object but received '[^']*'$/;

function strangers(proto: object, cousin: () => unknown): Array<[string, () => unknown]> {
  return [
    ['undefined', () => undefined],
    ['null', () => null],
    ['42', () => 42],
    ["'s'", () => 's'],
    ['{}', () => ({})],
    ['[]', () => []],
    ['a function', () => function stranger() {}],
    ['Object.create(prototype)', () => Object.create(proto)],
    ['an instance of another class of the library', cousin],
  ];
}

interface Member {
  name: string;
  fn: (...args: unknown[]) => unknown;
  kind: 'method' | 'getter' | 'setter';
}

/** Every method, getter and setter defined on `proto` itself. */
function membersOf(proto: object): Member[] {
  const out: Member[] = [];
  for (const key of Reflect.ownKeys(proto)) {
    if (key === 'constructor' || key === Symbol.toStringTag) continue;
    if (typeof key === 'symbol' && (key.description ?? '').startsWith('pyweakref.')) continue;
    const name = typeof key === 'symbol' ? `[${key.description}]` : key;
    const d = Object.getOwnPropertyDescriptor(proto, key)!;
    if (typeof d.value === 'function') out.push({ name, fn: d.value, kind: 'method' });
    if (typeof d.get === 'function') out.push({ name, fn: d.get, kind: 'getter' });
    if (typeof d.set === 'function') out.push({ name, fn: d.set, kind: 'setter' });
  }
  return out;
}

/** `membersOf` for `proto` and each prototype above it, up to `Object.prototype`. */
function membersWithBases(proto: object): Member[] {
  const out: Member[] = [];
  for (let p = proto; p !== Object.prototype; p = Object.getPrototypeOf(p) as object) out.push(...membersOf(p));
  return out;
}

/**
 * Calls `member` on `self` with as many (valid) arguments as it declares, so that an argument-count
 * check cannot answer first; an iterator it returns is advanced once (a generator checks lazily).
 */
function callOn(member: Member, self: unknown): unknown {
  const args = Array.from({ length: member.fn.length }, () => new C());
  const result = member.kind === 'setter' ? member.fn.call(self, true) : member.fn.apply(self, args);
  if (result !== null && typeof result === 'object' && typeof (result as Iterator<unknown>).next === 'function') {
    (result as Iterator<unknown>).next();
  }
  return result;
}

const classes: Array<{ name: string; proto: object; cousin: () => unknown; withBases?: true }> = [
  { name: 'ref', proto: ref.prototype, cousin: () => finalize(new C(), () => 1) },
  { name: 'KeyedRef', proto: KeyedRef.prototype, cousin: () => ref(new C()) },
  { name: 'WeakMethod', proto: WeakMethod.prototype, cousin: () => ref(new C()) },
  { name: 'MethodType', proto: MethodType.prototype, cousin: () => WeakMethod(MethodType(C.prototype.m, new C())) },
  { name: 'finalize', proto: finalize.prototype, cousin: () => ref(new C()) },
  { name: 'WeakValueDictionary', proto: WeakValueDictionary.prototype, cousin: () => new WeakKeyDictionary() },
  {
    name: "the weak dictionaries' shared base (MutableMapping)",
    proto: Object.getPrototypeOf(WeakValueDictionary.prototype) as object,
    cousin: () => new PyWeakSet(),
  },
  { name: 'WeakKeyDictionary', proto: WeakKeyDictionary.prototype, cousin: () => new WeakValueDictionary() },
  // WeakSet's methods sit on it and on its internal bases (src/internal/weak-set-core.ts and
  // weak-set-updates.ts), which no other class extends: all are checked under its name.
  { name: 'WeakSet', proto: PyWeakSet.prototype, cousin: () => new WeakKeyDictionary(), withBases: true },
];

describe('Reliability: bad input, part 3 (a stranger as `this`)', () => {
  for (const { name, proto, cousin, withBases } of classes) {
    it(`should throw the descriptor TypeError from every method and accessor of ${name} called on a stranger`, () => {
      const failures: string[] = [];
      for (const member of withBases ? membersWithBases(proto) : membersOf(proto)) {
        for (const [label, make] of strangers(proto, cousin)) {
          const problem = checkOutcome(() => callOn(member, make()), throws(TypeError, DESCRIPTOR_ERROR));
          if (problem !== undefined) failures.push(`${name} ${member.kind} ${member.name} on ${label}: ${problem}`);
        }
      }
      expectNoFailures(failures);
    });
  }
});
