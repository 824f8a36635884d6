/**
 * The state of one weak proxy, kept on its dummy target in private fields.
 *
 * Why private fields on the target: the proxy handler is one module-level object shared by every
 * proxy (no closure per proxy), so a trap can only find its proxy's state through the `target`
 * argument. A private field is invisible to every reflection (`Reflect.ownKeys`, descriptors,
 * `Object.freeze`), so it never interferes with the Proxy invariants that the dummy must satisfy
 * (see proxy-invariants.ts), and V8 reads it as fast as an ordinary property (the hot `get` trap
 * reads one). Private fields are installed on an existing object with the base-class
 * "return override": `Base`'s constructor returns the dummy, so `this` in the derived constructor is
 * the dummy and the field initialisers stamp it.
 *
 * What keeps what alive:
 * - proxy -> dummy (the engine's [[ProxyTarget]]) -> `#link` -> the {@link Link}, whose `owner` is
 *   the proxy: proxy, dummy and link form one cycle that lives exactly as long as the proxy is
 *   reachable. The referent's WeakList holds the link only weakly.
 * - `#ref` is the referent's shared native WeakRef (`list.target`), or a boxing wrapper around it
 *   for symbol referents: never the referent itself.
 * - `#methods` maps an original function to its method wrapper; a WeakMap keyed by the function,
 *   so a method the referent drops is not kept by the cache (proxy-methods.ts).
 */
import type { Link } from './weak-list';
import { NativeWeakMap } from './natives';

/** What a trap derefs: the native WeakRef of the referent, or a {@link SymbolBoxRef}. */
export interface Derefable {
  deref(): object | undefined;
}

/**
 * For a symbol referent: `Reflect.*` needs an object, so each deref boxes the symbol (`Object(sym)`).
 * Holds the symbol only through the shared native WeakRef.
 */
export class SymbolBoxRef implements Derefable {
  constructor(private readonly target: WeakRef<WeakKey>) {}
  deref(): object | undefined {
    const s = this.target.deref();
    return s === undefined ? undefined : Object(s);
  }
}

/** Returns its argument from the constructor, so that a derived class stamps fields onto it. */
class ReturnOverride {
  constructor(o: object) {
    return o as ReturnOverride;
  }
}

class ProxyState extends ReturnOverride {
  #ref: Derefable;
  #owner: object;
  #link: Link;
  #methods: WeakMap<Function, Function> | undefined = undefined;

  private constructor(dummy: object, ref: Derefable, link: Link) {
    super(dummy);
    this.#ref = ref;
    this.#owner = link.owner;
    this.#link = link;
  }

  /** Stamps `dummy` with the state of the proxy whose link is `link`. */
  static stamp(dummy: object, ref: Derefable, link: Link): void {
    new ProxyState(dummy, ref, link);
  }

  /** Whether `x` is a dummy target of this library (a brand check: no property is read). */
  static isDummy(x: unknown): x is object {
    return typeof x === 'object' || typeof x === 'function' ? x !== null && #ref in (x as object) : false;
  }

  static refOf(t: object): Derefable {
    return (t as ProxyState).#ref;
  }

  /** The proxy itself (the link's owner). */
  static ownerOf(t: object): object {
    return (t as ProxyState).#owner;
  }

  static linkOf(t: object): Link {
    return (t as ProxyState).#link;
  }

  /** The method-wrapper cache, created on first use. */
  static methodsOf(t: object): WeakMap<Function, Function> {
    const s = t as ProxyState;
    return (s.#methods ??= new NativeWeakMap<Function, Function>());
  }
}

export const { stamp, isDummy, refOf, ownerOf, linkOf, methodsOf } = ProxyState;

/** The ref a symbol referent's proxy derefs; see {@link SymbolBoxRef}. */
export function derefableFor(referent: WeakKey, target: WeakRef<WeakKey>): Derefable {
  return typeof referent === 'symbol' ? new SymbolBoxRef(target) : (target as WeakRef<object>);
}
