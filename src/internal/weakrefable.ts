/**
 * What may be held weakly, and the TypeError CPython raises for everything else.
 */
import { NativeWeakRef } from './natives';
import * as messages from './messages';

/** Whether this engine accepts non-registered symbols as weak targets (ES2023). */
export const symbolsAreWeakrefable: boolean = (() => {
  try {
    new NativeWeakRef(Symbol() as unknown as object);
    return true;
  } catch {
    return false;
  }
})();

/** True for the values that a `WeakRef` (and so every API of this library) may target. */
export function isWeakrefable(value: unknown): value is WeakKey {
  const t = typeof value;
  if (t === 'object') return value !== null;
  if (t === 'function') return true;
  if (t === 'symbol') return symbolsAreWeakrefable && Symbol.keyFor(value as symbol) === undefined;
  return false;
}

/** The JavaScript type name used in messages: `typeof`, except `null` for null. */
export function typeName(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

/** Throws CPython's `cannot create weak reference to '<type>' object` unless `value` is weakrefable. */
export function checkWeakrefable(value: unknown): asserts value is WeakKey {
  if (!isWeakrefable(value)) throw new TypeError(messages.cannotWeakref(typeName(value)));
}
