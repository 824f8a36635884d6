/**
 * The only differences between a CPython trace and a pyweakref trace that the comparison forgives,
 * each a deviation that the porting guide or the porting notes document:
 *
 * - type names in messages: CPython names Python types (`'int'`, `'str'`, `'NoneType'`), pyweakref
 *   JavaScript ones (`'number'`, `'string'`, `'undefined'`): CONTRACT §1, porting guide "None is
 *   undefined"; and a class of the program is `__main__.Obj` in CPython, `Obj` in JavaScript;
 * - a malformed pair in `update()`: CPython raises ValueError, pyweakref TypeError with the same
 *   message (porting-notes/dictionaries.md "Errors");
 * - argument-count errors: the wording differs per function (porting-notes "Argument errors"), so
 *   only "a TypeError about the argument count" is compared;
 * - the order of callbacks across *different* referents that die in one `del` statement: CPython
 *   frees them one by one in statement order, pyweakref delivers the objects of one collection in
 *   the order they were first weakly referenced (docs/gc-semantics.md "Order"; porting guide
 *   "Collection timing"). Within one referent the order (newest first) is compared as is. A
 *   WeakMethod's callback belongs to the first of its object and its function to die.
 *
 * The `KeyError` of a WeakKeyDictionary or WeakSet carries a weakref in CPython and the key itself in
 * pyweakref (porting-notes "Identity keys", "KeyError from remove()"): run.py reports the weakref's
 * referent, which is a conversion (JSON cannot carry a weakref), not a normalisation.
 */
import type { Program, Trace, TraceEntry, Value } from './language';

const PY_TO_JS_TYPES: Record<string, string> = {
  int: 'number',
  float: 'number',
  str: 'string',
  NoneType: 'undefined',
  bool: 'boolean',
};

const TYPE_NAME_MESSAGES = [
  /^(cannot create weak reference to ')(\w+)(' object)$/,
  /^(')(\w+)(' object is not iterable)$/,
  /^(argument should be a bound method, not <class ')(\w+)('>)$/,
];

const ARITY = [
  /missing \d+ required positional arguments?/,
  /takes (from \d+ to )?\d+ positional arguments? but \d+ (was|were) given/,
  /expected (at least |at most )?\d+ arguments?, got \d+/,
  /takes no arguments \(\d+ given\)/,
  /takes exactly (one|\d+) arguments?/,
];

function normaliseError(entry: TraceEntry, python: boolean): TraceEntry {
  const raw = entry[2];
  if (typeof raw !== 'string') return entry;
  let type = entry[1] as string;
  let message: string = raw;
  if (python) {
    if (type === 'ValueError' && message.startsWith('dictionary update sequence element')) type = 'TypeError';
    // The programs' class is `__main__.Obj` in CPython, `Obj` in JavaScript.
    message = message.replace(/^(argument should be a bound method, not <class ')__main__\./, '$1');
    for (const re of TYPE_NAME_MESSAGES) {
      const m = re.exec(message);
      if (m !== null && PY_TO_JS_TYPES[m[2]] !== undefined) message = `${m[1]}${PY_TO_JS_TYPES[m[2]]}${m[3]}`;
    }
  }
  if (type === 'TypeError' && ARITY.some((re) => re.test(message))) message = '<argument count>';
  return ['error', type, message];
}

/**
 * The variables whose death kills the WeakMethod `w` (its object, and a function variable it was bound
 * with): through `wm`, or `wm1` of a bound method made by `mt` or taken by `wmget` from another one.
 */
function weakMethodParts(program: Program, w: string): string[] {
  const vars = (...values: Array<Value | undefined>): string[] =>
    values.flatMap((x) => (x !== null && typeof x === 'object' && 'v' in x ? [x.v] : []));
  const methodParts = (m: string): string[] => {
    for (const op of program) {
      if (op.op === 'mt' && op.var === m) return vars(op.obj, op.func);
      if (op.op === 'wmget' && op.into === m) return weakMethodParts(program, op.var);
    }
    return [];
  };
  for (const op of program) {
    if (op.op === 'wm' && op.var === w) return [op.obj];
    if (op.op === 'wm1' && op.var === w) return methodParts(op.m);
  }
  return [];
}

/** label -> the variables of the referents whose death runs that callback or finalizer (the first to die). */
function referents(program: Program): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const op of program) {
    if ((op.op === 'ref' || op.op === 'proxy' || op.op === 'keyedref') && op.cb !== undefined) {
      if (op.target !== null && typeof op.target === 'object' && 'v' in op.target) out.set(op.cb, [op.target.v]);
    } else if ((op.op === 'wm' || op.op === 'wm1') && op.cb !== undefined)
      out.set(op.cb, weakMethodParts(program, op.var));
    else if (op.op === 'fin' && op.obj !== null && typeof op.obj === 'object' && 'v' in op.obj)
      out.set(op.label, [op.obj.v]);
  }
  return out;
}

const DEATH_ENTRIES = new Set(['callback', 'finalize', 'unraisable']);

/** label -> the index of the operation that made its reference (or finalizer). */
function creations(program: Program): Map<string, number> {
  const out = new Map<string, number>();
  program.forEach((op, index) => {
    const label = op.op === 'fin' ? op.label : 'cb' in op ? op.cb : undefined;
    if (typeof label === 'string') out.set(label, index);
  });
  return out;
}

/**
 * Stable-sorts the callbacks that follow each `del` by the position of their referent in it. Ties
 * (one referent, or a WeakMethod's callback run by whichever of its two referents CPython freed
 * first) go newest reference first, the order of one referent's callbacks in both interpreters.
 */
function orderDelGroups(trace: Trace, program: Program): Trace {
  const refOf = referents(program);
  const createdAt = creations(program);
  const out: Trace = [];
  for (let i = 0; i < trace.length; i++) {
    const entry = trace[i];
    out.push(entry);
    if (entry[0] !== 'del') continue;
    const vars = entry[1] as string[];
    const group: Array<{ entry: TraceEntry; rank: number; created: number; index: number }> = [];
    let rank = vars.length;
    let created = 0;
    while (i + 1 < trace.length && DEATH_ENTRIES.has(trace[i + 1][0] as string)) {
      const e = trace[++i];
      // An unraisable report belongs to the callback just before it.
      if (e[0] !== 'unraisable') {
        const positions = (refOf.get(e[1] as string) ?? []).map((v) => vars.indexOf(v)).filter((p) => p >= 0);
        rank = positions.length === 0 ? vars.length : Math.min(...positions);
        created = createdAt.get(e[1] as string) ?? 0;
      }
      group.push({ entry: e, rank, created, index: group.length });
    }
    // Referents not named in the `del` keep the order they came in.
    group.sort((a, b) => a.rank - b.rank || (a.rank < vars.length ? b.created - a.created : 0) || a.index - b.index);
    for (const g of group) out.push(g.entry);
  }
  return out;
}

/** The trace as compared: documented deviations normalised (see the module comment). */
export function normalise(trace: Trace, program: Program, python: boolean): Trace {
  const errorsDone = trace.map((e) => (e[0] === 'error' ? normaliseError(e, python) : e));
  return orderDelGroups(errorsDone, program);
}
