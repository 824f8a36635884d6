"use strict";
/**
 * Retention probes: how the library explains why an object it was asked about is still alive.
 *
 * When `pyweakref/testing` finds that an object survived `gc.collect()`, it asks every registered
 * probe what the library itself knows about that object ("it is held in the arguments of its own
 * finalizer", "it is a key of a WeakValueDictionary, which holds keys strongly", ...) and prints the
 * answers under the assertion message. Each module that can hold user objects strongly registers a
 * probe for what it holds; the testing subpath registers the probes of the core (src/testing/core-probes.ts).
 *
 * What keeps what alive:
 * - `probes` holds the probe functions strongly, for the life of the process. A probe must be a
 *   module-level function that closes over no user object: it receives the target as an argument,
 *   only during message building, synchronously, and must keep nothing of it after returning.
 * - `libraryCallbacks` is a native WeakSet: marking a callback never keeps it alive.
 * - `tracked` holds container instances through native WeakRefs only (see {@link trackInstance}).
 *
 * This module imports nothing, so any module of the library may register a probe without an import
 * cycle, and it costs nothing until someone asks for an explanation (instance tracking and callback
 * marking: one boolean test per construction until the testing subpath turns them on).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.registerRetentionProbe = registerRetentionProbe;
exports.libraryRetentionReasons = libraryRetentionReasons;
exports.markLibraryCallback = markLibraryCallback;
exports.isLibraryCallback = isLibraryCallback;
exports.enableInstanceTracking = enableInstanceTracking;
exports.trackInstance = trackInstance;
exports.trackedInstances = trackedInstances;
const probes = [];
/**
 * Adds a probe consulted by every explanation from now on. Registering the same function twice has
 * no effect.
 *
 * @returns a function that removes the probe again.
 */
function registerRetentionProbe(probe) {
    if (!probes.includes(probe))
        probes.push(probe);
    return () => {
        const i = probes.indexOf(probe);
        if (i >= 0)
            probes.splice(i, 1);
    };
}
/**
 * Asks every probe, in registration order, about `target`. A probe that throws is reported as one
 * sentence instead of breaking the assertion that asked (the message is what the user needs most).
 */
function libraryRetentionReasons(target) {
    const out = [];
    for (const probe of probes.slice()) {
        let answer;
        try {
            answer = probe(target);
        }
        catch (err) {
            answer = `(a retention probe failed: ${err instanceof Error ? err.message : String(err)})`;
        }
        if (typeof answer === 'string') {
            if (answer !== '')
                out.push(answer);
        }
        else if (answer !== undefined) {
            for (const line of answer)
                if (line !== '')
                    out.push(line);
        }
    }
    return out;
}
// Captured here rather than imported from natives.ts to keep this module free of imports; the public
// `WeakSet` of the library may shadow the global in other modules, never in this one.
const NativeWeakSet = globalThis.WeakSet;
const NativeWeakRef = globalThis.WeakRef;
const libraryCallbacks = new NativeWeakSet();
/**
 * Marks a callback that the library itself passes to a reference (a container's clean-up, the runner
 * of a finalizer) and that never closes over the referent. The core probe that warns about callbacks
 * ("a callback that uses the object keeps it alive") skips these, so containers do not produce false
 * leads. Held weakly.
 *
 * Like instance tracking, marking is off until `pyweakref/testing` loads: containers call this from
 * their constructors, and a native `WeakSet.add` there would cost several times the construction of
 * a WeakSet itself, for a program that never asks. A container made before the testing subpath
 * loaded is therefore not marked (its callbacks may be listed as leads): load it first.
 */
function markLibraryCallback(callback) {
    if (tracking)
        libraryCallbacks.add(callback);
}
/** Whether {@link markLibraryCallback} marked `callback`. */
function isLibraryCallback(callback) {
    return libraryCallbacks.has(callback);
}
/*
 * Instance tracking, for probes that must look through every live container of a kind ("is it a key
 * of some WeakValueDictionary?"). Off until `pyweakref/testing` loads, so that programs that never
 * ask pay one boolean test per construction and nothing else. Instances are held through native
 * WeakRefs only: tracking never keeps a container alive.
 */
let tracking = false;
const tracked = new Map();
/** A kind's list is pruned of collected instances when it reaches this length, then twice the live count. */
const MIN_PRUNE = 64;
const pruneAt = new Map();
/** Turns instance tracking and callback marking on; `pyweakref/testing` calls it when it loads. */
function enableInstanceTracking() {
    tracking = true;
}
/** Remembers `instance` (weakly) under `kind`, if tracking is on; call it from a constructor. */
function trackInstance(kind, instance) {
    if (!tracking)
        return;
    let list = tracked.get(kind);
    if (list === undefined)
        tracked.set(kind, (list = []));
    // Pruned as it grows (amortised O(1) per construction): otherwise a suite that makes many
    // containers and never fails would keep one dead WeakRef per container, and a leak check of code
    // that creates containers would measure that growth as a leak.
    if (list.length >= (pruneAt.get(kind) ?? MIN_PRUNE)) {
        list = prune(kind, list);
        pruneAt.set(kind, Math.max(MIN_PRUNE, 2 * list.length));
    }
    list.push(new NativeWeakRef(instance));
}
/** Keeps the WeakRefs of `kind` whose instance lives; the new list replaces the old. */
function prune(kind, list) {
    const kept = list.filter((w) => w.deref() !== undefined);
    tracked.set(kind, kept);
    return kept;
}
/**
 * The live tracked instances of `kind`, oldest first; forgets the collected ones. For probes only:
 * the returned array holds them strongly, so drop it before returning.
 */
function trackedInstances(kind) {
    const list = tracked.get(kind);
    if (list === undefined)
        return [];
    const out = [];
    const kept = [];
    for (const w of list) {
        const instance = w.deref();
        if (instance === undefined)
            continue;
        out.push(instance);
        kept.push(w);
    }
    tracked.set(kind, kept);
    return out;
}
