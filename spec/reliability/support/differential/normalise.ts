/**
 * The only differences between a CPython trace and a pyweakref trace that the comparison forgives,
 * each a deviation that the porting guide or the porting notes document:
 *
 * - type names in messages: CPython names Python types (`'int'`, `'str'`, `'NoneType'`), pyweakref
 *   JavaScript ones (`'number'`, `'string'`, `'undefined'`): CONTRACT §1, porting guide "None is
 *   undefined";
 * - a malformed pair in `update()`: CPython raises ValueError, pyweakref TypeError with the same
 *   message (porting-notes/dictionaries.md "Errors");
 * - argument-count errors: the wording differs per function (porting-notes "Argument errors"), so
 *   only "a TypeError about the argument count" is compared;
 * - the order of callbacks across *different* referents that die in one `del` statement: CPython
 *   frees them one by one in statement order, pyweakref delivers the objects of one collection in
 *   the order they were first weakly referenced (docs/gc-semantics.md "Order"; porting guide
 *   "Collection timing"). Within one referent the order (newest first) is compared as is.
 *
 * The `KeyError` of a WeakKeyDictionary or WeakSet carries a weakref in CPython and the key itself in
 * pyweakref (porting-notes "Identity keys", "KeyError from remove()"): run.py reports the weakref's
 * referent, which is a conversion (JSON cannot carry a weakref), not a normalisation.
 */
import type { Program, Trace, TraceEntry } from './language';

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
    for (const re of TYPE_NAME_MESSAGES) {
      const m = re.exec(message);
      if (m !== null && PY_TO_JS_TYPES[m[2]] !== undefined) message = `${m[1]}${PY_TO_JS_TYPES[m[2]]}${m[3]}`;
    }
  }
  if (type === 'TypeError' && ARITY.some((re) => re.test(message))) message = '<argument count>';
  return ['error', type, message];
}

/** label -> the variable of the referent whose death runs that callback or finalizer. */
function referents(program: Program): Map<string, string> {
  const out = new Map<string, string>();
  for (const op of program) {
    if ((op.op === 'ref' || op.op === 'proxy' || op.op === 'keyedref') && op.cb !== undefined) {
      if (op.target !== null && typeof op.target === 'object' && 'v' in op.target) out.set(op.cb, op.target.v);
    } else if (op.op === 'wm' && op.cb !== undefined) out.set(op.cb, op.obj);
    else if (op.op === 'fin' && op.obj !== null && typeof op.obj === 'object' && 'v' in op.obj)
      out.set(op.label, op.obj.v);
  }
  return out;
}

const DEATH_ENTRIES = new Set(['callback', 'finalize', 'unraisable']);

/** Stable-sorts the callbacks that follow each `del` by the position of their referent in it. */
function orderDelGroups(trace: Trace, program: Program): Trace {
  const refOf = referents(program);
  const out: Trace = [];
  for (let i = 0; i < trace.length; i++) {
    const entry = trace[i];
    out.push(entry);
    if (entry[0] !== 'del') continue;
    const vars = entry[1] as string[];
    const group: Array<{ entry: TraceEntry; rank: number; index: number }> = [];
    let rank = vars.length;
    while (i + 1 < trace.length && DEATH_ENTRIES.has(trace[i + 1][0] as string)) {
      const e = trace[++i];
      // An unraisable report belongs to the callback just before it.
      if (e[0] !== 'unraisable') {
        const position = vars.indexOf(refOf.get(e[1] as string) ?? '');
        rank = position < 0 ? vars.length : position;
      }
      group.push({ entry: e, rank, index: group.length });
    }
    group.sort((a, b) => a.rank - b.rank || a.index - b.index);
    for (const g of group) out.push(g.entry);
  }
  return out;
}

/** The trace as compared: documented deviations normalised (see the module comment). */
export function normalise(trace: Trace, program: Program, python: boolean): Trace {
  const errorsDone = trace.map((e) => (e[0] === 'error' ? normaliseError(e, python) : e));
  return orderDelGroups(errorsDone, program);
}
