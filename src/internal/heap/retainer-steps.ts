/**
 * The vocabulary of retainer paths: a step, the names V8 gives to the nodes it matters to recognise,
 * and how steps are printed (`Registry.items → Array[3] → Page`). Plain functions over plain data;
 * describe-path.ts reads the snapshot's hops, and it and its readers (holder-steps.ts,
 * variable-steps.ts, container-steps.ts) make the steps.
 */
import type { PathHop } from './shortest-paths';
import type { RetainerStep, RetainerStepKind } from './retainer-types';

export interface Step extends RetainerStep {
  /** A root from the program's point of view: the printed path may start here. */
  readonly rootLike?: boolean;
  /** Joined to the step before it without an arrow (`Registry` + `.items`). */
  readonly suffix?: boolean;
}

/** What reading the hop at some index gave: its steps, and how many hops (from that one on) they used. */
export interface Read {
  readonly steps: Step[];
  readonly consumed: number;
}

/** The node of the hop after `i`, or the target after the last hop. */
export function nodeAfter(hops: readonly PathHop[], i: number, target: number): number {
  return i + 1 < hops.length ? hops[i + 1].node : target;
}

export const INTERNAL_NODE = /^system \/ |^\(.*\)$/;
/** The global object: `global / ` (Node 20 to 24), `global (global*) / ` (Node 26); a URL may follow. */
export const GLOBAL_OBJECT = /^global(?: \([^)]*\))? \//;
/** A realm's own contexts: `system / NativeContext` (Node 26 adds ` / <url>`), `system / ScriptContext`. */
export const REALM_CONTEXT = /^system \/ (?:NativeContext|ScriptContext)\b/;

export function step(kind: RetainerStepKind, name: string, text: string, extra: Partial<Step> = {}): Step {
  return { kind, name, text, ...extra };
}

export function quoteKey(key: unknown): string {
  if (typeof key === 'string') return JSON.stringify(key);
  if (typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean') return String(key);
  if (key === undefined || key === null) return String(key);
  if (typeof key === 'symbol') return key.toString();
  if (typeof key === 'function') return `function ${key.name || '(anonymous)'}`;
  const ctor = (Object.getPrototypeOf(key) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return `a ${typeof ctor === 'string' && ctor !== '' ? ctor : 'Object'}`;
}

export function ownData(o: unknown, key: string): unknown {
  if ((typeof o !== 'object' && typeof o !== 'function') || o === null) return undefined;
  const d = Object.getOwnPropertyDescriptor(o, key);
  return d !== undefined && 'value' in d ? d.value : undefined;
}

/** A Map's entries by the built-in iterator (a subclass may override `entries`); none for anything else. */
export function mapEntries(owner: unknown): Array<[unknown, unknown]> {
  try {
    return [...(Map.prototype.entries.call(owner) as IterableIterator<[unknown, unknown]>)];
  } catch {
    return [];
  }
}

export function plain(s: Step): RetainerStep {
  const out: { -readonly [K in keyof RetainerStep]: RetainerStep[K] } = { kind: s.kind, name: s.name, text: s.text };
  if (s.file !== undefined) out.file = s.file;
  if (s.line !== undefined) out.line = s.line;
  if (s.column !== undefined) out.column = s.column;
  return out;
}

/** Steps joined by arrows; a `.prop` or `[i]` step joins the step before it. */
export function render(steps: readonly Step[]): string {
  let out = '';
  for (const s of steps) {
    if (out === '') out = s.text;
    else out += s.suffix ? s.text : ` → ${s.text}`;
  }
  return out;
}
