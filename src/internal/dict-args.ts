/**
 * Argument-count errors of the weak dictionaries' methods, with CPython's wording (`get expected at
 * least 1 argument, got 0`, `keys() takes no arguments (1 given)`).
 *
 * Python checks the arity of every call; JavaScript silently drops extra arguments and pads missing
 * ones with `undefined`. For the dictionaries that difference matters: `d.pop(k, undefined)` must
 * return `undefined` where `d.pop(k)` throws, and `d.get()` must not quietly look up the key
 * `undefined`. The methods test `arguments.length` inline (cheap in optimised code) and call these
 * only to build the error, so the hot paths carry no extra call.
 */
import * as messages from './messages';

/** The TypeError for a call of `name` with `got` arguments where `min`..`max` are accepted. */
export function argCountError(name: string, min: number, max: number, got: number): TypeError {
  if (max === 0) return new TypeError(messages.dictNoArgs(name, got));
  return new TypeError(messages.dictArgs(name, min, max, got));
}

/** Throws {@link argCountError} unless `min <= got <= max`. */
export function checkArgCount(name: string, got: number, min: number, max: number): void {
  if (got < min || got > max) throw argCountError(name, min, max, got);
}
