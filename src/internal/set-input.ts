/**
 * What the WeakSet methods accept where Python accepts "an iterable": the argument of the
 * constructor, `__init__`, `update` and the `*_update` forms, and the other operand of the algebra
 * and the comparisons. Any JavaScript iterable (an array, a `Set`, a generator, another WeakSet).
 *
 * Nothing here holds what it reads: the items go straight to the caller, as an array it drops when
 * the method returns.
 */
import * as messages from './messages';
import { checkWeakrefable, typeName } from './weakrefable';

/** `Array.from(other)`, with Python's TypeError for a value that is not iterable. */
export function toArray(other: unknown): unknown[] {
  if (other == null || typeof (other as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throw new TypeError(messages.notIterable(typeName(other)));
  }
  return Array.from(other as Iterable<unknown>);
}

/**
 * The items of `other`, all checked weakly referenceable before any is used: a bad item throws the
 * TypeError of CONTRACT §1 and leaves the set unchanged (CPython would have applied the items before
 * it; CONTRACT §10 asks for no partial update).
 */
export function weakItems<T extends WeakKey>(other: unknown): T[] {
  const items = toArray(other);
  for (const item of items) checkWeakrefable(item);
  return items as T[];
}
