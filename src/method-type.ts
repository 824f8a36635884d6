/**
 * `MethodType`: Python's `types.MethodType`, the bound method `obj.meth` (CONTRACT §14).
 *
 * In Python `obj.meth` is an object of its own that pairs the function (`__func__`) with the object
 * (`__self__`). JavaScript's `obj.meth` is the shared function, and `obj.meth.bind(obj)` hides both
 * parts, so a port that needs the pair (`WeakMethod(obj.meth)`, Django's
 * `hasattr(receiver, '__self__')`) builds it: `MethodType(C.prototype.meth, obj)`.
 *
 * Shape: like `ref`, a method is a function (`typeof m === 'function'`, `m(...)` calls it) whose
 * prototype is `MethodType.prototype`, where `__eq__`, `__hash__` and the repr live; `__self__` and
 * `__func__` are its own read-only properties. It is an arrow function: callable, not constructible
 * (Python's methods are not classes).
 *
 * What keeps what alive: a method holds its function and its object strongly, as Python's does (its
 * closure, its `__self__`/`__func__` properties, and its entry in `parts`, a WeakMap keyed by the
 * method, so the entry lives exactly as long as the method). Nothing else holds a method: drop it and
 * both parts are free again.
 */
import { idOf, shortRepr } from './internal/ids';
import * as messages from './internal/messages';
import { NativeWeakMap } from './internal/natives';
import { isWeakrefable, typeName } from './internal/weakrefable';

/**
 * Any function: what a method's `__func__` can be.
 *
 * @inline
 */
export type AnyFunction = (...args: any[]) => any;

/**
 * The attributes of a bound method, Python's `method` object: its two parts, Python's comparison
 * and hash, and its repr. A {@link MethodType} value has all of them.
 *
 * @typeParam T - the object (`__self__`).
 * @typeParam F - the function (`__func__`).
 * @example
 * ```ts
 * const m = MethodType(Button.prototype.click, button);
 * m.__self__ === button;                    // true
 * m.__func__ === Button.prototype.click;    // true
 * ```
 * @see https://docs.python.org/3/reference/datamodel.html#instance-methods
 */
export interface BoundMethodAttributes<T = unknown, F extends AnyFunction = AnyFunction> {
  /** The object the method is bound to (Python's `m.__self__`). Read-only. */
  readonly __self__: T;
  /** The function (Python's `m.__func__`). Read-only. */
  readonly __func__: F;
  /**
   * Calls the function with `this` = `__self__`: the same as calling the method itself.
   *
   * @param args - the arguments for the function.
   * @returns what the function returns.
   * @example
   * ```ts
   * m.__call__('!');   // the same as m('!')
   * ```
   */
  __call__(...args: Parameters<F>): ReturnType<F>;
  /**
   * Python's `m == other`: `other` is a bound method of the same object (identity, as Python since
   * 3.8) and of an equal function. For anything else, `other.__eq__(m)` answers if it exists
   * (Python's reflected `==`), else `false`.
   *
   * @param other - anything.
   * @returns whether the two are equal in Python's sense.
   * @example
   * ```ts
   * MethodType(f, o).__eq__(MethodType(f, o));   // true: two method objects, one method
   * ```
   * @see https://docs.python.org/3/reference/datamodel.html#instance-methods
   */
  __eq__(other: unknown): boolean;
  /**
   * Python's `m != other`, the mirror of {@link BoundMethodAttributes.__eq__}.
   *
   * @param other - anything.
   * @returns whether the two differ in Python's sense.
   * @example
   * ```ts
   * MethodType(f, a).__ne__(MethodType(f, b));   // true for two different objects
   * ```
   */
  __ne__(other: unknown): boolean;
  /**
   * Python's `hash(m)`: from the object's identity and the function's hash, so equal methods hash
   * equal.
   *
   * @returns the hash.
   * @example
   * ```ts
   * MethodType(f, o).__hash__() === MethodType(f, o).__hash__();   // true
   * ```
   */
  __hash__(): number;
  /**
   * Python's `repr(m)`, also used by `String(m)` and `util.inspect(m)`.
   *
   * @returns `<bound method C.m of <C object at 0x..>>`, the hex number being `id(obj)`.
   * @example
   * ```ts
   * String(MethodType(C.prototype.m, new C()));   // '<bound method C.m of <C object at 0x2a>>'
   * ```
   */
  toString(): string;
}

/**
 * A bound method (Python's `types.MethodType` instance): callable with the function's parameters
 * (without its `this`), with `__self__`, `__func__` and Python's comparison. Made by
 * {@link MethodType}; `m instanceof MethodType` holds.
 *
 * @typeParam T - the object (`__self__`).
 * @typeParam F - the function (`__func__`).
 * @example
 * ```ts
 * const m: MethodType<Button, Button['click']> = MethodType(Button.prototype.click, button);
 * m('!');   // Python: button.click('!')
 * ```
 * @see https://docs.python.org/3/library/types.html#types.MethodType
 */
export type MethodType<T = any, F extends AnyFunction = AnyFunction> = OmitThisParameter<F> &
  BoundMethodAttributes<T, F>;

/**
 * The type of {@link MethodType} itself: callable with and without `new`.
 *
 * @inline
 */
export interface MethodTypeConstructor {
  /**
   * `new MethodType(func, obj)`: the same as without `new`.
   *
   * @typeParam F - the function.
   * @typeParam T - the object.
   * @param func - the function; called with `this` = `obj`.
   * @param obj - the object; anything but `undefined` and `null` (Python's None).
   */
  new <F extends (...args: any[]) => any, T>(func: F, obj: T): MethodType<T, F>;
  /**
   * `MethodType(func, obj)`: `func` bound to `obj`, Python's `types.MethodType(func, obj)`.
   *
   * @typeParam F - the function.
   * @typeParam T - the object.
   * @param func - the function; called with `this` = `obj`.
   * @param obj - the object; anything but `undefined` and `null` (Python's None).
   */
  <F extends (...args: any[]) => any, T>(func: F, obj: T): MethodType<T, F>;
  /** The prototype of every bound method: where `__call__`, `__eq__`, `__hash__` and the repr live. */
  readonly prototype: MethodType;
}

/** The two parts of a method. */
interface Parts {
  readonly self: unknown;
  readonly func: AnyFunction;
}

/** Every method made here, with its parts: the brand check, and what the prototype getters read. */
const parts = new NativeWeakMap<object, Parts>();

function partsOf(self: unknown, method: string): Parts {
  const p = typeof self === 'function' ? parts.get(self) : undefined;
  if (p === undefined) throw new TypeError(messages.wrongReceiver(method, 'method', typeName(self)));
  return p;
}

/** Whether `value` is a method made by {@link MethodType} (never throws, never fooled by `Object.create`). */
export function isMethodType(value: unknown): value is MethodType {
  return typeof value === 'function' && parts.has(value);
}

const methodTypeImpl = function MethodType(this: unknown, func: unknown, obj: unknown): MethodType {
  const nt = new.target as unknown;
  // CPython: `type 'method' is not an acceptable base type`.
  if (nt !== undefined && nt !== methodTypeImpl) throw new TypeError(messages.notAcceptableBase('method'));
  // CPython's order: the argument count, then callable, then None.
  if (arguments.length !== 2) throw new TypeError(messages.methodArgs(arguments.length));
  if (typeof func !== 'function') throw new TypeError(messages.methodNotCallable);
  if (obj === undefined || obj === null) throw new TypeError(messages.methodSelfNone);
  const f = func as AnyFunction;
  // The closure holds `f` and `obj` strongly, as Python's method object does. Reflect.apply, not
  // `f.apply`: a function whose own `apply` was replaced is still called as itself.
  const m = ((...args: unknown[]): unknown => Reflect.apply(f, obj, args)) as unknown as MethodType;
  Object.setPrototypeOf(m, methodTypeImpl.prototype);
  // Python's `m.__name__` is the function's; `length` tells JavaScript tools its arity.
  let name: unknown = '';
  let length: unknown = 0;
  try {
    name = f.name;
    length = f.length;
  } catch {
    // A hostile getter (a revoked Proxy): the method is still made, with an empty name.
  }
  Object.defineProperty(m, 'name', { value: typeof name === 'string' ? name : '', configurable: true });
  Object.defineProperty(m, 'length', { value: typeof length === 'number' ? length : 0, configurable: true });
  // Own, read-only and non-configurable: assigning or deleting `m.__self__` throws in strict code, where
  // Python raises AttributeError; `'__self__' in m` holds, as Python's `hasattr(m, '__self__')`.
  Object.defineProperty(m, '__self__', { value: obj, enumerable: false, writable: false, configurable: false });
  Object.defineProperty(m, '__func__', { value: f, enumerable: false, writable: false, configurable: false });
  parts.set(m, { self: obj, func: f });
  // Python: `m.x = 1` raises AttributeError; here adding a property throws in strict code.
  Object.preventExtensions(m);
  return m;
} as unknown as MethodTypeConstructor;

/** Python's `==` between two possibly unrelated values: their own `__eq__` if any, else `===`. */
function pyEquals(a: unknown, b: unknown): boolean {
  const eq = a != null ? (a as { __eq__?: unknown }).__eq__ : undefined;
  return typeof eq === 'function' ? Boolean(eq.call(a, b)) : a === b;
}

/**
 * The pairs whose reflected comparison is under way. Python reflects an operator once; here each
 * `__eq__` reflects by calling the other side, and a `ref` or `WeakMethod` reflects back for a value
 * it does not know: the second visit of the same pair answers Python's final fallback, identity.
 */
const reflecting: Array<[unknown, unknown]> = [];

function reflect(self: unknown, other: unknown, name: '__eq__' | '__ne__'): boolean | undefined {
  if (reflecting.some(([a, b]) => a === self && b === other)) return undefined;
  const fn = other != null ? (other as Record<string, unknown>)[name] : undefined;
  if (typeof fn !== 'function') return undefined;
  reflecting.push([self, other]);
  try {
    return Boolean(fn.call(other, self));
  } finally {
    reflecting.pop();
  }
}

/** Python's `id`-based hash for an object, a value-based one for a primitive (which has no identity). */
function identityHash(value: unknown): number {
  if (isWeakrefable(value)) return idOf(value);
  let h = 0x811c9dc5;
  const s = `${typeof value}:${String(value)}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Python's `__qualname__` of the method's function, as the repr prints it (`C.m`, `f`, `?`). */
function qualname(func: AnyFunction, self: unknown): string {
  try {
    const q = (func as { __qualname__?: unknown }).__qualname__;
    if (typeof q === 'string') return q;
    const name = func.name;
    if (typeof name !== 'string' || name === '') return '?';
    // JavaScript functions have no qualname: the class is the one whose prototype (or, for a static
    // method bound to its class, the class itself) holds the function, nearest first.
    let o: unknown = self;
    for (let depth = 0; depth < 64 && o !== null && (typeof o === 'object' || typeof o === 'function'); depth++) {
      for (const key of Reflect.ownKeys(o)) {
        if (Object.getOwnPropertyDescriptor(o, key)?.value !== func) continue;
        if (typeof o === 'function' && typeof o.name === 'string' && o.name !== '') return `${o.name}.${name}`;
        const ctor = Object.getOwnPropertyDescriptor(o, 'constructor')?.value as unknown;
        if (typeof ctor === 'function' && ctor.prototype === o && ctor.name !== '') return `${ctor.name}.${name}`;
        return name;
      }
      o = Object.getPrototypeOf(o);
    }
    return name;
  } catch {
    // A hostile Proxy on the way: the repr must never throw.
    return '?';
  }
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

// Methods are functions: `m.call`, `m.apply` and `m.bind` work as for any callable.
Object.setPrototypeOf(methodTypeImpl.prototype, Function.prototype);
Object.defineProperties(methodTypeImpl.prototype, {
  __call__: {
    value: function __call__(this: unknown, ...args: unknown[]): unknown {
      const p = partsOf(this, '__call__');
      return Reflect.apply(p.func, p.self, args);
    },
    writable: true,
    configurable: true,
  },
  __eq__: {
    value: function __eq__(this: unknown, other: unknown): boolean {
      const a = partsOf(this, '__eq__');
      const b = isMethodType(other) ? parts.get(other)! : undefined;
      // CPython (classobject.c method_richcompare): `__self__` by identity, `__func__` by equality.
      if (b !== undefined) return Object.is(a.self, b.self) && pyEquals(a.func, b.func);
      return reflect(this, other, '__eq__') ?? this === other;
    },
    writable: true,
    configurable: true,
  },
  __ne__: {
    value: function __ne__(this: unknown, other: unknown): boolean {
      partsOf(this, '__ne__');
      if (isMethodType(other)) return !(this as MethodType).__eq__(other);
      const ne = reflect(this, other, '__ne__');
      if (ne !== undefined) return ne;
      const eq = reflect(this, other, '__eq__');
      return eq !== undefined ? !eq : this !== other;
    },
    writable: true,
    configurable: true,
  },
  __hash__: {
    value: function __hash__(this: unknown): number {
      const p = partsOf(this, '__hash__');
      // CPython: hash(id(self)) ^ hash(func); spread the object's id first, so that small sequential
      // ids do not cancel out (x1 ^ y1 === x2 ^ y2 happens often with small numbers).
      const h = (p.func as { __hash__?: unknown }).__hash__;
      const funcHash = typeof h === 'function' ? Number(h.call(p.func)) : idOf(p.func);
      return Math.imul(identityHash(p.self), 1000003) ^ funcHash;
    },
    writable: true,
    configurable: true,
  },
  toString: {
    value: function toString(this: unknown): string {
      const p = partsOf(this, '__repr__');
      return `<bound method ${qualname(p.func, p.self)} of ${shortRepr(p.self)}>`;
    },
    writable: true,
    configurable: true,
  },
  [Symbol.toPrimitive]: {
    // Python: methods cannot be ordered (`<` raises TypeError); `+m` and `Number(m)` ask for a number.
    value: function toPrimitive(this: unknown, hint: string): string {
      partsOf(this, '__repr__');
      if (hint === 'number') throw new TypeError(messages.unorderableMethod);
      return (this as MethodType).toString();
    },
    writable: true,
    configurable: true,
  },
  [inspectCustom]: {
    value: function inspect(this: unknown): string {
      partsOf(this, '__repr__');
      return (this as MethodType).toString();
    },
    writable: true,
    configurable: true,
  },
});

/**
 * `MethodType(func, obj)`: Python's `types.MethodType`, the bound method `obj.func`. Calling it calls
 * `func` with `this` = `obj`; `m.__self__` is `obj` and `m.__func__` is `func`, both held strongly
 * (as Python's bound method holds them). Two bound methods of the same object (identity) and an equal
 * function are equal (`__eq__`, `__hash__`), as in Python. Works with and without `new`.
 *
 * This is what a port writes for Python's `obj.meth` wherever the method is used as a value: pass it
 * to the one-argument {@link WeakMethod}, compare it, or test it with
 * `'__self__' in x && '__func__' in x` (Django's `hasattr(receiver, '__self__')`).
 *
 * @param func - the function; called with `this` = `obj`.
 * @param obj - the object; anything but `undefined` and `null` (Python's None).
 * @returns the bound method, a function: `typeof m === 'function'`, `m instanceof MethodType`.
 * @throws TypeError `method expected 2 arguments, got N`, `first argument must be callable` for a
 *   `func` that is not a function, `instance must not be None` for an `undefined` or `null` `obj`.
 * @example
 * ```ts
 * class Button {
 *   label = 'ok';
 *   click(suffix: string): string { return this.label + suffix; }
 * }
 * const b = new Button();
 * const m = MethodType(Button.prototype.click, b);   // Python: m = b.click
 * m('!');                                             // 'ok!'
 * m.__self__ === b;                                   // true
 * m.__eq__(MethodType(Button.prototype.click, b));    // true, as b.click == b.click
 * String(m);                                          // '<bound method Button.click of <Button object at 0x..>>'
 * ```
 * @see https://docs.python.org/3/library/types.html#types.MethodType
 */
export const MethodType: MethodTypeConstructor = methodTypeImpl;
