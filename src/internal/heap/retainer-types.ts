/**
 * The structured form of a retainer path (CONTRACT §13): what `err.retainers` holds and what
 * `explainRetention()` returns. Plain data only: a path never holds the objects it describes.
 */

/** What one step of a path is. */
export type RetainerStepKind =
  | 'module-variable'
  | 'global'
  | 'captured-variable'
  | 'async-local'
  | 'stack'
  | 'property'
  | 'element'
  | 'map-key'
  | 'map-value'
  | 'set-member'
  | 'weakmap-value'
  | 'listener'
  | 'timer'
  | 'promise-reaction'
  | 'promise-result'
  | 'bound-this'
  | 'bound-function'
  | 'bound-argument'
  | 'proxy-target'
  | 'proxy-handler'
  | 'static-field'
  | 'error-stack'
  | 'test-context'
  | 'function'
  | 'object'
  | 'internal';

/** One step: a holder (an object, a function) or the way it holds the next step. */
export interface RetainerStep {
  /** What the step is: a variable, a property, a listener, a timer, an object, ... */
  readonly kind: RetainerStepKind;
  /** The variable, property, key, event or class name; '' where there is none. */
  readonly name: string;
  /** The step in words, as printed. */
  readonly text: string;
  /** The TypeScript (or JavaScript) file, relative to the working directory when inside it. */
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
}

/** One path from a GC root to the object. */
export interface RetainerPath {
  /** The printed form: from the last holder the program owns to the object. */
  readonly text: string;
  /** The steps of {@link text}. */
  readonly steps: readonly RetainerStep[];
  /** Every step from the GC root, engine internals included, for tools. */
  readonly full: readonly RetainerStep[];
}
