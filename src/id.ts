/**
 * `id(obj)`: Python's builtin `id`, the identity number of an object (CONTRACT §14).
 *
 * The numbers come from the table the reprs use (internal/ids.ts): `id(o)` is the number that
 * `<weakref at 0x..; to 'C' at 0x..>` and `<bound method C.m of <C object at 0x..>>` print for `o`.
 * That table is a WeakMap: asking for an id never keeps the object alive.
 */
import { idOf } from './internal/ids';
import * as messages from './internal/messages';
import { isWeakrefable, typeName } from './internal/weakrefable';

/**
 * `id(obj)`: Python's `id`, a number that identifies `obj` for its whole life: the same number on
 * every call, different from the id of every other object alive at the same time (pyweakref never
 * reuses one at all), and the number the reprs print in hex (`at 0x2a` is `id(o) === 0x2a`). It is a
 * small counter, not an address, and keeps nothing alive.
 *
 * Objects, functions and non-registered symbols have an identity. JavaScript primitives (numbers,
 * strings, booleans, `undefined`, `null`, bigints, registered symbols) do not: `1 === 1` holds for any
 * two ones, so there is no "same object" for an id to name, and `id(42)` throws a `TypeError` rather
 * than invent a number (Python's `id(42)` is the address of one particular int object).
 *
 * @param obj - an object, a function or a non-registered symbol.
 * @returns the object's id, a positive integer.
 * @throws TypeError `id() takes exactly one argument (N given)`; `id() argument must be an object, a
 *   function or a non-registered symbol, not 'number' (JavaScript primitives have no identity)`.
 * @example
 * ```ts
 * const o = {};
 * id(o) === id(o);                                   // true
 * String(ref(o)).endsWith(`at 0x${id(o).toString(16)}>`);   // true: the repr prints it
 * const registry = new WeakValueDictionary<number, object>();
 * registry.set(id(o), o);                            // Python: registry[id(o)] = o
 * ```
 * @see https://docs.python.org/3/library/functions.html#id
 */
export function id(obj: WeakKey): number {
  if (arguments.length !== 1) throw new TypeError(messages.idArgs(arguments.length));
  if (!isWeakrefable(obj)) throw new TypeError(messages.noIdentity(typeName(obj)));
  return idOf(obj);
}
