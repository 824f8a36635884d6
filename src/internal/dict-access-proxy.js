"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NO_MEMBERS = exports.DICT_STATE = void 0;
exports.createDictAccessHandler = createDictAccessHandler;
exports.setOwnGet = setOwnGet;
exports.wrapWithDictAccess = wrapWithDictAccess;
/**
 * Dict-style bracket access (`d['k']`, `d['k'] = v`, `'k' in d`, `delete d['k']`) for a dictionary
 * whose constructor returns `new Proxy(instance, handler)` (WeakValueDictionary; CONTRACT §5).
 *
 * The rules, for string property names (symbols always go to the instance untouched):
 * - Reads: a member of the class (anything defined on the prototype chain below `Object.prototype`:
 *   methods, `size`, `constructor`, `toString`) or an own property of the instance (a subclass's
 *   class field) wins; otherwise the entry under that key, or `undefined`. A name that only
 *   `Object.prototype` defines (`hasOwnProperty`, `valueOf`, ...) reads the entry if there is one,
 *   else `Object.prototype`'s member, so `d.hasOwnProperty('x')` keeps working; `__proto__` reads the
 *   entry or `undefined`, never a prototype.
 * - Writes store an entry, whatever the name (`d['constructor'] = v`, `d['__proto__'] = v`), except
 *   an own property of the instance or an accessor with a setter that the class defines. So no write
 *   through brackets ever reaches a prototype, and `Object.prototype` is never touched.
 * - `in`: a member (the names `Object.prototype` defines included, since reads fall back to them),
 *   or a live entry. `delete`: an own property of the instance if there is one, else the entry.
 *
 * Speed (issue 10: `d.get(k)` through this Proxy <= 1.6x `map.get(k)?.deref()`, `d[k]` <= 2x): the
 * `get` trap runs for every property read, method calls included. `d.get` is answered first, with the
 * dictionary's own copy of the method (`fastGet`), which reads the entries directly: the class's
 * `get` would first have to find the state of its receiver, a WeakMap lookup (measured: 2.0x against
 * 1.6x). Every other name costs one lookup in a null-prototype table of member names (a hash
 * probe). Walking the prototype chain with `name in target` instead costs a megamorphic keyed load
 * per read, measured (Node 20) 1.6x slower for `d[k]` and 1.7x for `d.get(k)`; storing the method
 * itself in the table saves the second load.
 * The table is built once per class (cached by prototype, held weakly) when its first instance is
 * made; an instance gets its own copy only when a property is defined on it. Consequence (see
 * docs/porting-guide.md#replacing-a-method-on-the-prototype-after-the-first-instance): a method
 * replaced on the class prototype after the class's first instance was made is not seen through
 * `d.method`; define it on the instance instead. And `d.get` is the dictionary's own copy of the
 * class's `get`, not the prototype's function itself (see
 * docs/porting-guide.md#dget-is-a-per-dictionary-copy-of-the-method).
 *
 * What keeps what alive: the handler is one module-level object per dictionary class (no closure per
 * dictionary); the state hangs off the target under a symbol. The member tables hold class members
 * only, and are keyed weakly by prototype. Nothing here holds a dictionary or an entry.
 */
const natives_1 = require("./natives");
/** The symbol under which the Proxy's target holds its dictionary's state (non-enumerable, fixed). */
exports.DICT_STATE = Symbol('pyweakref.dictState');
/** A member read through the instance: an accessor, a non-function prototype value, or an own property. */
const VIA_TARGET = 1;
/** An accessor with a setter that the class defines: writes call it instead of storing an entry. */
const SETTER = 2;
/** A name that only `Object.prototype` defines: entries win over it. */
const INHERITED = 3;
/** The placeholder table of a state before {@link wrapWithDictAccess} fills it in. */
exports.NO_MEMBERS = Object.create(null);
const ObjectProto = Object.prototype;
const objectProtoNames = Object.getOwnPropertyNames(Object.prototype).filter((n) => n !== '__proto__');
/** prototype -> member table of its chain; weak, so a class that goes away takes its table with it. */
const classTables = new natives_1.NativeWeakMap();
function buildClassTable(proto) {
    const table = Object.create(null);
    for (const name of objectProtoNames)
        table[name] = INHERITED;
    const chain = [];
    for (let p = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p))
        chain.push(p);
    // From the base down, so that the most derived definition of a name wins.
    for (let i = chain.length - 1; i >= 0; i--) {
        for (const name of Object.getOwnPropertyNames(chain[i])) {
            const desc = Object.getOwnPropertyDescriptor(chain[i], name);
            if (typeof desc.value === 'function')
                table[name] = desc.value;
            else
                table[name] = typeof desc.set === 'function' ? SETTER : VIA_TARGET;
        }
    }
    return table;
}
function classTable(proto) {
    if (proto === null)
        return buildClassTable(null);
    let table = classTables.get(proto);
    if (table === undefined) {
        table = buildClassTable(proto);
        classTables.set(proto, table);
    }
    return table;
}
/** The table of `target`: its class's, plus its own string-named properties. */
function refreshTable(target, state) {
    const base = classTable(Object.getPrototypeOf(target));
    const own = Object.getOwnPropertyNames(target);
    let table = base;
    if (own.length > 0) {
        table = Object.assign(Object.create(null), base);
        for (const name of own)
            table[name] = VIA_TARGET;
    }
    state.members = table;
    state.ownTable = own.length > 0;
    state.fastGet = table.get === state.classGet ? state.ownGet : undefined;
}
/**
 * Builds the one handler of a dictionary class. Call it once, at module level: every dictionary of
 * the class shares it, and reaches its own state through the target.
 */
function createDictAccessHandler(ops) {
    const { read, write, contains, remove } = ops;
    return {
        get(target, name, receiver) {
            // `d.get(k)` first, without the member table: a pointer comparison (property names are
            // internalized strings) and two loads, then a call that needs no state lookup (issue 10).
            if (name === 'get') {
                const own = target[exports.DICT_STATE].fastGet;
                if (own !== undefined)
                    return own;
            }
            if (typeof name === 'string') {
                const state = target[exports.DICT_STATE];
                const member = state.members[name];
                // Ordered by frequency: plain keys (`d[k]`), then methods, then the rest.
                if (member === undefined)
                    return read(state, name);
                if (typeof member === 'function')
                    return member;
                if (member === INHERITED) {
                    const value = read(state, name);
                    return value !== undefined ? value : ObjectProto[name];
                }
            }
            return Reflect.get(target, name, receiver);
        },
        set(target, name, value, receiver) {
            if (typeof name === 'string') {
                const state = target[exports.DICT_STATE];
                const member = state.members[name];
                if (member !== SETTER && !(member === VIA_TARGET && Object.prototype.hasOwnProperty.call(target, name))) {
                    write(state, name, value);
                    return true;
                }
            }
            return Reflect.set(target, name, value, receiver);
        },
        has(target, name) {
            if (typeof name === 'string') {
                const state = target[exports.DICT_STATE];
                return state.members[name] !== undefined || contains(state, name);
            }
            return Reflect.has(target, name);
        },
        deleteProperty(target, name) {
            if (typeof name === 'string' && !Object.prototype.hasOwnProperty.call(target, name)) {
                remove(target[exports.DICT_STATE], name);
                return true;
            }
            const deleted = Reflect.deleteProperty(target, name);
            if (deleted && typeof name === 'string')
                refreshTable(target, target[exports.DICT_STATE]);
            return deleted;
        },
        defineProperty(target, name, descriptor) {
            // Own properties (a subclass's class fields, Object.defineProperty by a user) become members.
            if (name === exports.DICT_STATE)
                return false;
            const defined = Reflect.defineProperty(target, name, descriptor);
            if (defined && typeof name === 'string') {
                const state = target[exports.DICT_STATE];
                if (state.members[name] !== VIA_TARGET || !state.ownTable)
                    refreshTable(target, state);
            }
            return defined;
        },
        setPrototypeOf(target, proto) {
            const changed = Reflect.setPrototypeOf(target, proto);
            if (changed)
                refreshTable(target, target[exports.DICT_STATE]);
            return changed;
        },
    };
}
/** Installs the dictionary's own copy of its class's `get` (see {@link DictAccessState.ownGet}). */
function setOwnGet(state, ownGet) {
    state.ownGet = ownGet;
    state.fastGet = state.members.get === state.classGet ? ownGet : undefined;
}
/**
 * Attaches `state` to `target` and returns the Proxy that gives dict-style access to it. `target` is
 * the freshly constructed instance (its prototype is the class's, so `instanceof` works unchanged).
 */
function wrapWithDictAccess(target, state, handler) {
    Object.defineProperty(target, exports.DICT_STATE, { value: state });
    refreshTable(target, state);
    return new Proxy(target, handler);
}
