"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.registerTableSize = registerTableSize;
exports.allTableSizes = allTableSizes;
/**
 * @internal Every internal table of the library, counted, for leak checks (`assertNoLeak` of
 * `pyweakref/testing`, the reliability soak).
 *
 * The core's tables come from lifecycle.ts ({@link tableSizes}); a module that keeps a table of its own
 * across calls (the live finalizers, a per-class cache, ...) registers a counter here, so that a leak
 * check sees it without knowing the module. Counters are module-level functions that read a size: they
 * hold no user object.
 */
const lifecycle_1 = require("./lifecycle");
const counters = new Map();
/** Adds (or replaces) the counter reported under `name`. */
function registerTableSize(name, size) {
    counters.set(name, size);
}
/** The size of every internal table, by name: the core's first, then the registered ones. */
function allTableSizes() {
    const out = { ...(0, lifecycle_1.tableSizes)() };
    for (const [name, size] of counters)
        out[name] = size();
    return out;
}
