/**
 * The retainer corpus: one leak per kind of holder that CONTRACT §13 names, each made by a factory that
 * returns the leaked object, with the culprit the explanation must name. Shared by the corpus spec and
 * the benchmark. Every holder is module-scope here, so that the leaks outlive the factories; the
 * corpus spec releases them all in `after`.
 */
import { EventEmitter } from 'node:events';

/** The leaked objects are instances of these classes, so that the path ends with a readable name. */
export class Page {
  constructor(readonly n: number) {}
  fail(): Error {
    return new Error(`page ${this.n} failed`);
  }
}
export class Session {
  constructor(readonly n: number) {}
}

export interface LeakCase {
  /** What the case shows, used as the spec title. */
  readonly kind: string;
  /** Makes the leak and returns the leaked object (holders are module-scope, so the frame ends). */
  readonly make: (context: object) => object;
  /** The printed path must match this (one of them when two holders are equally near). */
  readonly expected: RegExp;
}

// The holders (module-scope: each is a real root from the program's point of view).
export const holders = {
  cache: new Map<string, Page>(),
  byPage: new Map<Page, string>(),
  seen: new Set<Page>(),
  pages: [] as Page[],
  registry: { current: undefined as Page | undefined },
  emitter: new EventEmitter(),
  target: new EventTarget(),
  pending: undefined as Promise<unknown> | undefined,
  callbacks: [] as Array<() => unknown>,
  bound: undefined as (() => unknown) | undefined,
  proxied: undefined as object | undefined,
  trap: undefined as object | undefined,
  lastError: undefined as Error | undefined,
  /** Timer ids (numbers, which clearTimeout accepts in Node), so that only Node's timer lists hold the timers. */
  timers: [] as number[],
  intervals: [] as Array<ReturnType<typeof setInterval>>,
  processListeners: [] as Array<() => void>,
  releaseAsync: [] as Array<() => void>,
};

export class Registry {
  static instances: Page[] = [];
}

/** A suspended async function that holds `page` in a local until released. */
async function rendersOnce(page: Page, released: Promise<void>): Promise<number> {
  const current = page;
  await released;
  return current.n;
}

export const leakCases: LeakCase[] = [
  {
    kind: 'a module-scope variable (CommonJS)',
    make: () => (holders.registry.current = new Page(1)),
    expected:
      /^module 'spec\/retainers\/leak-patterns\.ts' (?:variable|export) 'holders' → Object\.registry → Object\.current → Page$/,
  },
  {
    kind: 'a globalThis property',
    make: () => ((globalThis as Record<string, unknown>).pyweakrefLeakedPage = new Page(2)) as Page,
    expected: /^globalThis\.pyweakrefLeakedPage → Page$/,
  },
  {
    kind: 'a variable captured by a closure',
    make: () => {
      const page = new Page(3);
      holders.callbacks.push(() => page.n);
      return page;
    },
    expected:
      /(?:variable|export) 'holders' → Object\.callbacks → Array\[\d+\] → anonymous function \(spec\/retainers\/leak-patterns\.ts:\d+\) → captured variable 'page' → Page$/,
  },
  {
    kind: 'an array index',
    make: () => {
      const page = new Page(4);
      holders.pages.push(page);
      return page;
    },
    expected: /(?:variable|export) 'holders' → Object\.pages → Array\[0\] → Page$/,
  },
  {
    kind: 'a Map value',
    make: () => {
      const page = new Page(5);
      holders.cache.set('a', page);
      return page;
    },
    expected: /Object\.cache → Map → value of key "a" → Page$/,
  },
  {
    kind: 'a Map key',
    make: () => {
      const page = new Page(6);
      holders.byPage.set(page, 'six');
      return page;
    },
    expected: /Object\.byPage → Map → key → Page$/,
  },
  {
    kind: 'a Set member',
    make: () => {
      const page = new Page(7);
      holders.seen.add(page);
      return page;
    },
    expected: /Object\.seen → Set → member → Page$/,
  },
  {
    kind: 'an EventEmitter listener',
    make: () => {
      const page = new Page(8);
      holders.emitter.on('render', () => page.n);
      return page;
    },
    expected:
      /Object\.emitter → EventEmitter → listener of 'render' → anonymous function \(spec\/retainers\/leak-patterns\.ts:\d+\) → captured variable 'page' → Page$/,
  },
  {
    kind: 'a process listener',
    make: () => {
      const page = new Page(9);
      const listener = (): void => void page.n;
      holders.processListeners.push(listener);
      process.on('beforeExit', listener);
      return page;
    },
    expected:
      /(process → listener of 'beforeExit' → function 'listener'|Object\.processListeners → Array\[\d+\] → function 'listener') \(spec\/retainers\/leak-patterns\.ts:\d+\) → captured variable 'page' → Page$/,
  },
  {
    kind: 'an EventTarget listener',
    make: () => {
      const page = new Page(10);
      holders.target.addEventListener('ping', () => page.n);
      return page;
    },
    expected:
      /Object\.target → EventTarget → listener of 'ping' → anonymous function \(spec\/retainers\/leak-patterns\.ts:\d+\) → captured variable 'page' → Page$/,
  },
  {
    kind: 'a timer (setTimeout)',
    make: () => {
      const page = new Page(11);
      holders.timers.push(Number(setTimeout(() => page.n, 3_600_000).unref()));
      return page;
    },
    expected:
      /^setTimeout callback \(3600000 ms\) → anonymous function \(spec\/retainers\/leak-patterns\.ts:\d+\) → captured variable 'page' → Page$/,
  },
  {
    kind: 'a timer (setInterval)',
    make: () => {
      const page = new Page(12);
      holders.intervals.push(setInterval(() => page.n, 3_600_000).unref());
      return page;
    },
    expected:
      /(setInterval callback \(3600000 ms\)|Object\.intervals → Array\[\d+\] → Timeout\._onTimeout) → anonymous function \(spec\/retainers\/leak-patterns\.ts:\d+\) → captured variable 'page' → Page$/,
  },
  {
    kind: 'a reaction of a pending promise',
    make: () => {
      const page = new Page(13);
      holders.pending = new Promise<void>((resolve) => holders.releaseAsync.push(resolve)).then(() => page.n);
      return page;
    },
    expected:
      /→ Promise \(pending\) → reaction \(then\/await callback\) → anonymous function \(spec\/retainers\/leak-patterns\.ts:\d+\) → captured variable 'page' → Page$/,
  },
  {
    kind: 'a local of a suspended async function',
    make: () => {
      const page = new Page(14);
      void rendersOnce(page, new Promise<void>((resolve) => holders.releaseAsync.push(resolve)));
      return page;
    },
    expected:
      /^locals? 'page'(, 'current')? of the async function 'rendersOnce' \(spec\/retainers\/leak-patterns\.ts:\d+\), waiting at line \d+ → Page$/,
  },
  {
    kind: 'a bound function',
    make: () => {
      const page = new Page(15);
      holders.bound = Page.prototype.fail.bind(page);
      return page;
    },
    expected: /Object\.bound → bound function 'bound fail' → bound this → Page$/,
  },
  {
    kind: 'a Proxy target',
    make: () => {
      const page = new Page(16);
      holders.proxied = new Proxy(page, {});
      return page;
    },
    expected: /Object\.proxied → Proxy → target → Page$/,
  },
  {
    kind: 'a Proxy handler',
    make: () => {
      const page = new Page(17);
      holders.trap = new Proxy({}, { get: () => page });
      return page;
    },
    expected:
      /Object\.trap → Proxy → handler → Object\.get → function 'get' \(spec\/retainers\/leak-patterns\.ts:\d+\) → captured variable 'page' → Page$/,
  },
  {
    kind: 'a class static field',
    make: () => {
      const page = new Page(18);
      Registry.instances.push(page);
      return page;
    },
    expected: /class Registry\.instances \(static\) → Array\[0\] → Page$/,
  },
  {
    kind: "an error's unformatted stack",
    make: () => {
      const page = new Page(19);
      holders.lastError = page.fail();
      return page;
    },
    expected:
      /Object\.lastError → Error 'page 19 failed' → stack frames it captured \(released once its \.stack is read\) → Page$/,
  },
  {
    kind: "mocha's this (the test context)",
    make: (context) => ((context as { page?: Page }).page = new Page(20)),
    expected: /^mocha's this\.page \(the test context\) → Page$/,
  },
];

/** Lets go of every leak the cases made (the holders stay, empty). */
export function releaseAll(context: object): void {
  holders.cache.clear();
  holders.byPage.clear();
  holders.seen.clear();
  holders.pages.length = 0;
  holders.registry.current = undefined;
  holders.emitter.removeAllListeners();
  holders.target = new EventTarget();
  for (const release of holders.releaseAsync.splice(0)) release();
  holders.pending = undefined;
  holders.callbacks.length = 0;
  holders.bound = undefined;
  holders.proxied = undefined;
  holders.trap = undefined;
  holders.lastError = undefined;
  for (const t of holders.intervals.splice(0)) clearInterval(t);
  for (const t of holders.timers.splice(0)) clearTimeout(t);
  for (const l of holders.processListeners.splice(0)) process.removeListener('beforeExit', l);
  delete (globalThis as Record<string, unknown>).pyweakrefLeakedPage;
  Registry.instances.length = 0;
  delete (context as { page?: unknown }).page;
}
