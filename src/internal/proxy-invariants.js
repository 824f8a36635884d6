"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isMirrored = isMirrored;
exports.reportDescriptor = reportDescriptor;
exports.afterDefine = afterDefine;
exports.defineOwnInspect = defineOwnInspect;
exports.reportKeys = reportKeys;
exports.reportMissing = reportMissing;
exports.afterDelete = afterDelete;
exports.mirror = mirror;
/**
 * Keeping a weak proxy's answers consistent with its dummy target, so that the engine's Proxy
 * invariants never make an operation throw.
 *
 * The invariants compare what a trap reports with the *target*. They only constrain what is
 * non-configurable or non-extensible: a trap may report anything about a property that the target
 * lacks, as long as the target is extensible and the property is reported as configurable. Whatever
 * non-configurable or non-extensible state a proxy reports must be copied onto its target, and a copy
 * of a read-only property includes its value, held strongly. A frozen object whose properties lead
 * back to it would then be kept alive by its own proxy. Hence two modes:
 *
 * - **Plain mode** (the dummy is extensible, the usual case): descriptors of non-configurable
 *   properties are reported with `configurable: true` ("rewritten"), and nothing is copied. The only
 *   non-configurable properties of the dummy are an array dummy's `length` and properties defined
 *   non-configurable *through the proxy*: those are reported truthfully, their copy kept in step.
 * - **Mirror mode** (the dummy is non-extensible): entered only when the program asks the proxy
 *   about extensibility (`Object.isExtensible`, `isSealed`, `isFrozen`) of a non-extensible referent,
 *   or makes the referent non-extensible through the proxy (`Object.preventExtensions`, `seal`,
 *   `freeze`). The dummy then becomes a shadow of the referent: same prototype, same keys;
 *   configurable properties and writable ones as placeholders (`undefined`), and only read-only
 *   non-configurable values and non-configurable accessors copied exactly, because the invariants
 *   demand exactly those. Every trap then reports the truth, keeping the shadow in step.
 *
 * In mirror mode the dummy also has an own, non-enumerable, non-configurable accessor for Node's
 * `util.inspect.custom`, because its prototype must now be the referent's (proxy-dummy.ts explains
 * why the inspector lives on the dummy). The invariants make the proxy report that key in
 * `Reflect.ownKeys` and `in`; `p[util.inspect.custom]` itself still reads the referent.
 *
 * None of this runs in the hot `get` trap: its only invariant concerns read-only non-configurable
 * properties, which never change once copied.
 */
const proxy_dummy_1 = require("./proxy-dummy");
const { defineProperty, deleteProperty, getOwnPropertyDescriptor, getPrototypeOf, isExtensible, ownKeys } = Reflect;
/** Whether `d` is the dummy's own util.inspect.custom accessor (mirror mode), not a referent's copy. */
function isOwnInspect(d) {
    return d !== undefined && d.get === proxy_dummy_1.inspectGetter;
}
/** Whether `t` is mirrored (non-extensible dummy). */
function isMirrored(t) {
    return !isExtensible(t);
}
/**
 * The copy of the referent property `d` that the dummy `t` carries under `key`: only what the
 * invariants need (see the file comment). An array dummy's `length` gets the referent's length, a
 * number, since an array length cannot hold a placeholder.
 */
function shadowOf(t, key, d) {
    if (key === 'length' && Array.isArray(t))
        return { value: d.value, writable: d.writable };
    if (d.configurable)
        return { value: undefined, writable: true, enumerable: d.enumerable, configurable: true };
    if (d.get !== undefined || d.set !== undefined || !('value' in d)) {
        return { get: d.get, set: d.set, enumerable: d.enumerable, configurable: false };
    }
    if (d.writable)
        return { value: undefined, writable: true, enumerable: d.enumerable, configurable: false };
    return { value: d.value, writable: false, enumerable: d.enumerable, configurable: false };
}
/**
 * Brings the dummy's non-configurable copy `td` of a referent property in step with its current
 * descriptor `d`: a writable property may since have become read-only, and the invariants forbid
 * reporting that over a writable copy.
 */
function tighten(t, key, d, td) {
    if (td.writable === true && d.writable === false)
        defineProperty(t, key, { value: d.value, writable: false });
}
/**
 * The descriptor a proxy reports for `key`, given the referent's own descriptor `d`. Plain mode
 * rewrites non-configurable properties as configurable unless the dummy already carries them.
 */
function reportDescriptor(t, key, d) {
    if (isExtensible(t)) {
        if (d === undefined || d.configurable)
            return d;
        const td = getOwnPropertyDescriptor(t, key);
        if (td === undefined) {
            // Rewritten: reporting it non-configurable would oblige the dummy to hold its value.
            d.configurable = true;
            return d;
        }
        tighten(t, key, d, td);
        return d;
    }
    const td = getOwnPropertyDescriptor(t, key);
    if (d === undefined) {
        if (td === undefined)
            return undefined;
        if (isOwnInspect(td))
            return td;
        // Deleted from the referent since the dummy was mirrored.
        if (td.configurable)
            deleteProperty(t, key);
        return td.configurable ? undefined : td;
    }
    // A non-extensible referent cannot gain properties; a lying exotic referent could: its new
    // property cannot be reported (the dummy can no longer grow).
    if (td === undefined)
        return undefined;
    if (d.configurable || !td.configurable) {
        if (!td.configurable)
            tighten(t, key, d, td);
        return d;
    }
    // Became non-configurable since the dummy was mirrored: replace the placeholder.
    defineProperty(t, key, shadowOf(t, key, d));
    return d;
}
/**
 * After the referent accepted `Object.defineProperty(proxy, key, ...)`, brings the dummy in step:
 * a property that is now non-configurable is copied (in plain mode too: the invariants require the
 * target to carry it before the trap may report success).
 */
function afterDefine(t, o, key) {
    const d = getOwnPropertyDescriptor(o, key);
    const td = getOwnPropertyDescriptor(t, key);
    if (d === undefined) {
        if (td !== undefined && td.configurable)
            deleteProperty(t, key);
        return;
    }
    if (td === undefined) {
        if (!d.configurable && isExtensible(t))
            defineProperty(t, key, shadowOf(t, key, d));
        return;
    }
    if (td.configurable) {
        if (!d.configurable)
            defineProperty(t, key, shadowOf(t, key, d));
    }
    else {
        tighten(t, key, d, td);
    }
}
/**
 * Whether `Object.defineProperty(proxy, util.inspect.custom, desc)` may report success on a mirrored
 * dummy: only if `desc` is compatible with the dummy's own accessor (as `Object.freeze` asks).
 */
function defineOwnInspect(t, key, desc) {
    if (key !== proxy_dummy_1.INSPECT || isExtensible(t))
        return undefined;
    const td = getOwnPropertyDescriptor(t, key);
    return isOwnInspect(td) ? defineProperty(t, key, desc) : undefined;
}
/** The key list a mirrored proxy reports: the referent's keys present on the dummy, plus its own inspector key. */
function reportKeys(t, keys) {
    if (isExtensible(t))
        return keys;
    const wanted = new Set(keys);
    let own = false;
    for (const key of ownKeys(t)) {
        if (wanted.has(key))
            continue;
        const td = getOwnPropertyDescriptor(t, key);
        if (isOwnInspect(td))
            own = true;
        else if (td?.configurable)
            deleteProperty(t, key);
    }
    const out = keys.filter((key) => getOwnPropertyDescriptor(t, key) !== undefined);
    if (own)
        out.push(proxy_dummy_1.INSPECT);
    return out;
}
/** What `key in proxy` reports when the referent says false: a mirrored dummy may still hold the key. */
function reportMissing(t, key) {
    if (isExtensible(t))
        return false;
    const td = getOwnPropertyDescriptor(t, key);
    if (td === undefined)
        return false;
    if (isOwnInspect(td))
        return true;
    if (td.configurable) {
        deleteProperty(t, key);
        return false;
    }
    return true;
}
/** After the referent deleted `key`: whether the proxy may report the deletion (and the dummy follows). */
function afterDelete(t, key) {
    const td = getOwnPropertyDescriptor(t, key);
    if (td === undefined)
        return true;
    if (isOwnInspect(td) || !td.configurable)
        return false;
    return deleteProperty(t, key);
}
/**
 * Turns the dummy into a shadow of the non-extensible referent `o` (mirror mode), once. Indices of an
 * array go before its `length`, which must end at the referent's.
 */
function mirror(t, o) {
    if (!isExtensible(t))
        return;
    Reflect.setPrototypeOf(t, getPrototypeOf(o));
    let length;
    for (const key of ownKeys(o)) {
        const d = getOwnPropertyDescriptor(o, key);
        if (d === undefined)
            continue;
        if (key === 'length' && Array.isArray(t))
            length = d;
        else
            defineProperty(t, key, shadowOf(t, key, d));
    }
    if (length !== undefined)
        defineProperty(t, 'length', shadowOf(t, 'length', length));
    if (getOwnPropertyDescriptor(t, proxy_dummy_1.INSPECT) === undefined) {
        defineProperty(t, proxy_dummy_1.INSPECT, { get: proxy_dummy_1.inspectGetter, set: undefined, enumerable: false, configurable: false });
    }
    Reflect.preventExtensions(t);
}
