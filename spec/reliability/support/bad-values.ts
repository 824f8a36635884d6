/**
 * The bad values of the bad-input matrix, and the checks every error must pass: the documented error
 * type and message, and no sign of an error thrown from inside the library (a property read on
 * `undefined`, a private field read on a stranger, a call of a non-function...).
 */
import { expect } from 'chai';

/** Values that cannot be weakly referenced, with the JavaScript type name messages use (CONTRACT §1). */
export const BAD_VALUES: ReadonlyArray<readonly [label: string, value: unknown, type: string]> = [
  ['42', 42, 'number'],
  ['NaN', NaN, 'number'],
  ["'s'", 's', 'string'],
  ["''", '', 'string'],
  ['null', null, 'null'],
  ['undefined', undefined, 'undefined'],
  ['true', true, 'boolean'],
  ['10n', 10n, 'bigint'],
  ["Symbol.for('x')", Symbol.for('x'), 'symbol'],
];

/** Messages that only an error from inside the library's own code (or the engine under it) has. */
export const INTERNAL_ERROR =
  /Cannot read (properties|private member)|Cannot write private member|is not a function|is not a constructor|Cannot convert|\(reading '|Cannot destructure|is not iterable \(cannot read|Maximum call stack|Cannot set properties of/;

export type ErrorClass = new (...args: any[]) => Error;

/** What a call must do. */
export type Outcome =
  { ok: true; check?: (result: unknown) => void } | { error: ErrorClass; message: string | RegExp; key?: unknown };

export const ok = (check?: (result: unknown) => void): Outcome => ({ ok: true, check });
export const throws = (error: ErrorClass, message: string | RegExp, key?: unknown): Outcome => ({
  error,
  message,
  key,
});
export const weakref = (type: string): Outcome => throws(TypeError, `cannot create weak reference to '${type}' object`);
export const notIterable = (type: string): Outcome => throws(TypeError, `'${type}' object is not iterable`);

/**
 * Runs `fn` and checks it against `outcome`; returns a description of what went wrong, or `undefined`.
 * Never throws: the matrix collects every failure of a row into one message.
 */
export function checkOutcome(fn: () => unknown, outcome: Outcome): string | undefined {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    if ('ok' in outcome) return `threw ${describeError(e)} instead of returning`;
    if (!(e instanceof outcome.error)) return `threw ${describeError(e)} instead of ${outcome.error.name}`;
    const message = (e as Error).message;
    if (INTERNAL_ERROR.test(message)) return `threw an internal error: ${describeError(e)}`;
    const good = typeof outcome.message === 'string' ? message === outcome.message : outcome.message.test(message);
    if (!good) return `threw ${describeError(e)}, expected the message ${String(outcome.message)}`;
    if ('key' in outcome && !Object.is((e as { key?: unknown }).key, outcome.key))
      return `KeyError.key is ${String((e as { key?: unknown }).key)}`;
    return undefined;
  }
  if (!('ok' in outcome))
    return `returned ${safeString(result)} instead of throwing ${outcome.error.name}: ${String(outcome.message)}`;
  try {
    outcome.check?.(result);
  } catch (e) {
    return `returned ${safeString(result)}: ${(e as Error).message}`;
  }
  return undefined;
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`;
  return `a non-Error (${safeString(e)})`;
}

export function safeString(x: unknown): string {
  try {
    return typeof x === 'symbol' ? x.toString() : typeof x === 'function' ? `[function ${x.name}]` : String(x);
  } catch {
    return '<unprintable>';
  }
}

/** Asserts that a list of failures is empty, printing them one per line. */
export function expectNoFailures(failures: string[]): void {
  expect(failures, `\n  ${failures.join('\n  ')}\n`).to.deep.equal([]);
}

/** Identity snapshots: arrays of values (or of pairs) compared element by element with `===`. */
export function sameSnapshot(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, j) => Object.is(v, y[j]));
    return Object.is(x, y);
  });
}
