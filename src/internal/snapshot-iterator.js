"use strict";
/**
 * The iterator behind `keys()`, `values()`, `items()` and `itervaluerefs()` of the weak dictionaries:
 * iteration over a snapshot, as CPython 3.14 does (`for k, wr in self.data.copy().items()`), so that
 * adding, deleting or collecting entries while an iteration is in progress never throws.
 *
 * What it holds (CONTRACT §11: "an iteration snapshot holds references weakly"):
 * - the snapshot is an array of the dictionary's reference objects (KeyedRefs, key refs), taken at
 *   the first `next()` like a Python generator's body; they hold the weak side of each entry weakly;
 * - each element is released as soon as it has been visited, and the whole array once iteration ends;
 * - nothing of what was yielded stays in the iterator. A generator function would keep its last
 *   yielded value in its suspended frame, keeping one value alive for as long as the iterator lives
 *   (CPython's test_weak_*_len_cycles tolerates that; we do not need to).
 *
 * `produce` turns one snapshot element into what is yielded, reading the dictionary as it is when the
 * element is reached, or returns {@link SKIP} for an entry that died or was deleted meanwhile.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.SnapshotIterator = exports.SKIP = void 0;
/** Returned by a `produce` function for an element that yields nothing. */
exports.SKIP = Symbol('pyweakref.skip');
// %IteratorPrototype%: gives our iterators `[Symbol.iterator]() { return this }` and, where the engine
// has them, the iterator helpers (`.map`, `.filter`, `.toArray`).
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const DONE = Object.freeze({ value: undefined, done: true });
/** A lazily snapshotting iterator; see the module comment. */
class SnapshotIterator {
    #take;
    #produce;
    #elements = undefined;
    #index = 0;
    /**
     * @param take - makes the snapshot; called once, at the first `next()`.
     * @param produce - maps a snapshot element to the yielded value, or {@link SKIP}.
     */
    constructor(take, produce) {
        this.#take = take;
        this.#produce = produce;
    }
    /** The next live item, or `{ done: true }`. */
    next() {
        let elements = this.#elements;
        if (elements === undefined) {
            if (this.#take === undefined)
                return DONE;
            elements = this.#elements = this.#take();
            this.#take = undefined;
        }
        const produce = this.#produce;
        while (this.#index < elements.length) {
            const i = this.#index++;
            const element = elements[i];
            elements[i] = undefined; // visited: the snapshot now holds only what is still ahead
            const out = produce(element);
            if (out !== exports.SKIP)
                return { value: out, done: false };
        }
        this.finish();
        return DONE;
    }
    /** Ends the iteration early (`break` in a `for...of`), releasing the snapshot. */
    return() {
        this.finish();
        return DONE;
    }
    [Symbol.iterator]() {
        return this;
    }
    finish() {
        this.#elements = [];
        this.#take = undefined;
        this.#produce = undefined;
    }
}
exports.SnapshotIterator = SnapshotIterator;
Object.setPrototypeOf(SnapshotIterator.prototype, IteratorPrototype);
Object.defineProperty(SnapshotIterator.prototype, Symbol.toStringTag, { value: 'Weak Dictionary Iterator', configurable: true });
