"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.trackDictionary = trackDictionary;
exports.indexEntry = indexEntry;
/**
 * What the core needs to know about every WeakValueDictionary, whose entries hold their values through
 * WeakRefs of their own rather than through the core's weak lists (value-entry.ts explains why):
 *
 * - `gc.collect()`'s sweep must remove the entries whose value died, deterministically, before its
 *   promise resolves: {@link sweepEntries}, registered with the lifecycle module;
 * - `getweakrefcount(v)` / `getweakrefs(v)` must see the entries holding `v`: {@link makeKeyedRefsTo}
 *   makes their KeyedRefs, through a per-dictionary index from value to entries that is built the
 *   first time it is needed and kept up to date from then on (a dictionary nobody asked about never
 *   pays for it).
 *
 * What keeps what alive (read before changing anything here):
 * - `records` holds one {@link DictRecord} per dictionary that ever stored an entry, and the record
 *   holds the dictionary's {@link TrackedEntries} (its Map, its clean-up, its index) strongly. That part
 *   never points back at the dictionary.
 * - Whether the dictionary still lives is read from a sentinel: an empty object that only the
 *   dictionary holds, watched through a WeakRef. Why not a WeakRef to the dictionary or to its Map: a
 *   `deref()` keeps its target alive until the end of the current job, and the sweep's job is the one
 *   in which `gc.collect()` resolves. Dereferencing the dictionary there would keep alive, for the
 *   caller, a dictionary the engine had held a moment longer than the program (seen under load: a
 *   dictionary dropped before `gc.collect()` still reachable after it, and its KeyedRefs still counted).
 *   Dereferencing the sentinel keeps alive nothing but the sentinel.
 * - When the sentinel dies, the record leaves `records`: found by the next sweep, or told by the
 *   library's registry (`watchDeath`) when no one calls `gc.collect()`. The Map and its keys are then
 *   collected by the next collection, so a dropped dictionary's keys live one collection longer than
 *   the dictionary (`gc.collect()` goes round again for them).
 * - The indexes are WeakMaps keyed by value, owned by their dictionary's part, and hold entries (which
 *   hold keys) only while both the dictionary and the value live.
 */
const natives_1 = require("./natives");
const lifecycle_1 = require("./lifecycle");
const weak_list_1 = require("./weak-list");
const table_sizes_1 = require("./table-sizes");
const value_entry_1 = require("./value-entry");
/**
 * One tracked dictionary: its part, and a weak view of its sentinel (see the module comment). The
 * library's registry holds the record (its held value) from the sentinel's death until its clean-up
 * task runs, which the engine schedules when it likes: so forgetting a dead dictionary also empties
 * its record, or the registry would keep the Map and its keys alive until then (seen as a key of a
 * dropped dictionary surviving `gc.collect()` in one run in three).
 */
class DictRecord {
    table;
    sentinel;
    constructor(table, sentinel) {
        this.table = table;
        this.sentinel = sentinel;
    }
    /** Forgets the dictionary: out of the table, and nothing held any more. */
    forget() {
        records.delete(this);
        this.table = undefined;
    }
    /** The registry saw the sentinel die: the dictionary is gone. */
    died() {
        this.forget();
    }
}
/** The records of the dictionaries that stored an entry and may still live. */
const records = new Set();
/**
 * Tracks a dictionary from its first entry on. `sentinel` is an object that only the dictionary holds
 * (never `table`, which the record holds strongly: it would then never die).
 */
function trackDictionary(table, sentinel) {
    if (table.tracked)
        return;
    table.tracked = true;
    const record = new DictRecord(table, new natives_1.NativeWeakRef(sentinel));
    records.add(record);
    (0, lifecycle_1.watchDeath)(sentinel, record);
}
/** Whether `entry` is still the one stored under its key. */
function isCurrent(state, entry) {
    return entry.key !== value_entry_1.DETACHED && state.data.get(entry.key) === entry;
}
/**
 * Files `entry` (just stored, holding `value`) in `index`, dropping the entries that left. The index
 * holds entries through WeakRefs only: a WeakMap whose key (the value) lives on can keep its values
 * for a collection or two after the WeakMap itself became unreachable (measured on Node 20: with
 * entries held strongly here, a dropped dictionary's KeyedRefs were still counted after
 * `gc.collect()` in one run in six under load), and an entry reaches its key and its KeyedRef.
 */
function indexEntry(state, index, value, entry) {
    const known = index.get(value);
    const ref = new natives_1.NativeWeakRef(entry);
    if (known === undefined) {
        index.set(value, ref);
        return;
    }
    const kept = [];
    const all = Array.isArray(known) ? known : [known];
    for (const w of all) {
        const e = w.deref();
        if (e !== undefined && isCurrent(state, e))
            kept.push(w);
    }
    kept.push(ref);
    index.set(value, kept.length === 1 ? kept[0] : kept);
}
function buildIndex(state) {
    const index = new natives_1.NativeWeakMap();
    for (const entry of state.data.values()) {
        const value = entry.deref();
        if (value !== undefined)
            indexEntry(state, index, value, entry);
    }
    return index;
}
/**
 * Makes the KeyedRef of every entry holding `target`, in every dictionary: what `getweakrefcount` and
 * `getweakrefs` need first. O(dictionaries) once each has its index; building an index is O(entries),
 * once per dictionary.
 */
function makeKeyedRefsTo(target) {
    let found;
    for (const record of records) {
        const state = record.table;
        if (state === undefined || record.sentinel.deref() === undefined || state.data.size === 0)
            continue;
        const index = state.byValue ?? (state.byValue = buildIndex(state));
        const known = index.get(target);
        if (known === undefined)
            continue;
        const refs = Array.isArray(known) ? known : [known];
        for (const w of refs) {
            const entry = w.deref();
            if (entry !== undefined && entry.keyed === undefined && isCurrent(state, entry))
                (found ??= []).push({ entry, remove: state.remove });
        }
    }
    if (found === undefined)
        return;
    // Oldest first, so that each new KeyedRef is filed at once behind the previous (WeakList.backdate).
    found.sort((a, b) => a.entry.order - b.entry.order);
    for (const { entry, remove } of found)
        (0, value_entry_1.keyedRefOf)(entry, remove);
}
/**
 * Removes, from every dictionary, the entries whose value died, and forgets the dictionaries that died:
 * run by `gc.collect()`'s sweep, right after a forced collection. Counts as dead every entry and
 * dictionary it removes (dropping them may free keys: `gc.collect()` then goes round again), and as
 * cleared the entries whose KeyedRef was never made (the others are counted where their KeyedRef is
 * cleared, in their value's list).
 *
 * Cost: one `deref()` per entry (the only liveness test JavaScript has), as the sweep pays one per
 * weak list. Deleting from a Map or a Set while iterating it is safe (the iterator skips removed slots).
 */
function sweepEntries(out) {
    for (const record of records) {
        const table = record.table;
        if (table === undefined)
            continue;
        if (record.sentinel.deref() === undefined) {
            record.forget();
            out.dead++;
            continue;
        }
        const data = table.data;
        if (data.size === 0)
            continue;
        let changed = false;
        for (const [key, entry] of data) {
            if (entry.deref() !== undefined)
                continue;
            data.delete(key);
            out.dead++;
            if (entry.keyed === undefined)
                out.cleared++;
            (0, value_entry_1.detach)(entry);
            changed = true;
        }
        if (changed)
            table.popOrder.stack = undefined;
    }
}
(0, lifecycle_1.registerSweeper)(sweepEntries);
(0, weak_list_1.registerOnDemandRefs)(makeKeyedRefsTo);
(0, table_sizes_1.registerTableSize)('valueDictionaries', () => records.size);
