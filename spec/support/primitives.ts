/**
 * The values that have no identity in JavaScript, with the type name the library's messages give
 * each (CONTRACT §1): what every API that holds something weakly, or asks for an object's id, refuses.
 */
export const PRIMITIVES: ReadonlyArray<readonly [value: unknown, type: string]> = [
  [42, 'number'],
  ['s', 'string'],
  [null, 'null'],
  [undefined, 'undefined'],
  [true, 'boolean'],
  [10n, 'bigint'],
  [Symbol.for('registered'), 'symbol'],
];
