/**
 * Argument checks of the `gc` functions, with CPython's messages (Modules/gcmodule.c and its Argument
 * Clinic code): arity, and the conversion of a Python `int` argument to a C `int`.
 *
 * JavaScript's integers are numbers without a fraction and bigints; a number with a fraction (or NaN,
 * or an infinity) is what Python calls a `float`, and gets Python's message for a float. Python's
 * `OverflowError` (an `ArithmeticError`) is a `RangeError` here, with CPython's text, and Python's
 * `ValueError` for a generation out of range is a `RangeError` too: JavaScript's error for "a value
 * outside the set of allowed values", since the root exports no `ValueError` (CONTRACT §1, §12).
 */
import * as messages from './messages';
import { typeName } from './weakrefable';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/** Python's `METH_NOARGS` check: `gc.enable() takes no arguments (1 given)`. */
export function noArguments(name: string, got: number): void {
  if (got !== 0) throw new TypeError(messages.noArguments(name, got));
}

/** Python's `METH_O` check: `gc.is_tracked() takes exactly one argument (0 given)`. */
export function oneArgument(name: string, got: number): void {
  if (got !== 1) throw new TypeError(messages.exactlyOneArgument(name, got));
}

/** Argument Clinic's positional-count check: `collect() takes at most 1 argument (2 given)`. */
export function argumentCount(name: string, min: number, max: number, got: number): void {
  if (got < min) throw new TypeError(messages.atLeastArguments(name, min, got));
  if (got > max) throw new TypeError(messages.atMostArguments(name, max, got));
}

/**
 * CPython's conversion of an argument to a C `int`: an integer (a number without a fraction, or a
 * bigint) within [-2**31, 2**31 - 1]. A boolean is not an integer here (Python's `True` is).
 *
 * @throws TypeError `'<type>' object cannot be interpreted as an integer` (`'float'` for a number with
 *   a fraction); RangeError `signed integer is greater than maximum` / `less than minimum`.
 */
export function toCInt(value: unknown): number {
  let n: number;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new TypeError(messages.notAnInteger('float'));
    n = value;
  } else if (typeof value === 'bigint') {
    // Compared as bigints: Number() of a huge bigint would round (or become Infinity) first.
    if (value > BigInt(INT_MAX)) throw new RangeError(messages.intAboveMaximum);
    if (value < BigInt(INT_MIN)) throw new RangeError(messages.intBelowMinimum);
    n = Number(value);
  } else {
    throw new TypeError(messages.notAnInteger(typeName(value)));
  }
  if (n > INT_MAX) throw new RangeError(messages.intAboveMaximum);
  if (n < INT_MIN) throw new RangeError(messages.intBelowMinimum);
  return n === 0 ? 0 : n; // -0 is 0
}

/**
 * `gc.collect(generation=2)`'s argument: 0, 1 or 2; omitted or `undefined` means 2 (a JavaScript
 * caller passes `undefined` for "not given"; Python's `collect(None)` is a TypeError).
 *
 * @throws TypeError as {@link toCInt}, or for more than one argument; RangeError `invalid generation`.
 */
export function collectGeneration(args: readonly unknown[]): 0 | 1 | 2 {
  argumentCount('collect', 0, 1, args.length);
  if (args.length === 0 || args[0] === undefined) return 2;
  const generation = toCInt(args[0]);
  if (generation !== 0 && generation !== 1 && generation !== 2) throw new RangeError(messages.invalidGeneration);
  return generation;
}

/**
 * `gc.get_objects(generation=None)`'s argument, checked as CPython checks it: `undefined` or -1 for
 * all generations, else 0, 1 or 2.
 *
 * @throws TypeError `argument should be integer or undefined, not '<type>'`; RangeError
 *   `generation parameter must be less than the number of available generations (3)` or
 *   `generation parameter cannot be negative`.
 */
export function objectsGeneration(args: readonly unknown[]): number | undefined {
  argumentCount('get_objects', 0, 1, args.length);
  const value = args[0];
  if (value === undefined) return undefined;
  let n: number;
  if (typeof value === 'number' && Number.isInteger(value)) n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else throw new TypeError(messages.generationArgument(typeof value === 'number' ? 'float' : typeName(value)));
  if (n >= 3) throw new RangeError(messages.generationTooLarge);
  if (n < -1) throw new RangeError(messages.generationNegative);
  return n === -1 ? undefined : n;
}
