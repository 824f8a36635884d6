#!/usr/bin/env python3
"""The CPython side of pyweakref's differential runs (spec/reliability/differential.spec.ts).

Reads {"programs": [[op, ...], ...]} as JSON on stdin, runs every program with the real `weakref`
module and `gc.collect()`, and writes one JSON trace per program (a JSON array) on stdout. The
TypeScript interpreter (spec/reliability/support/differential/interpreter.ts) runs the same programs
against pyweakref; the spec compares the traces.

The operation language is described in docs/reliability.md ("Differential runs"). Each operation is
run in a function of its own, so that no value it touched stays alive in a local variable of the
loop: an object dies exactly when the program deletes its last variable (`del`), as in the programs
the language stands for. Deviations that pyweakref documents are NOT normalised here but in the
TypeScript spec (normalise.ts), so that this script stays the plain CPython behaviour.
"""
import gc
import json
import sys
import types
import weakref


class Obj:
    """The referents of the programs: weakly referenceable, hashable by identity."""

    def __init__(self, name):
        self.name = name
        self.x = 0

    def m(self, *args):
        return self.name


def make_fn(name):
    def fn(*args):
        return name

    fn.name = name
    fn.x = 0
    return fn


class Program:
    def __init__(self):
        self.env = {}
        self.trace = []
        self.labels = {}  # callback function -> label
        self.done = False

    # ---- values ---------------------------------------------------------------------------------

    def value(self, v):
        """A JSON argument to a Python value."""
        if isinstance(v, dict):
            if "v" in v:
                return self.env[v["v"]]
            if "list" in v:
                return [self.value(x) for x in v["list"]]
            if "pairs" in v:
                return [(self.value(k), self.value(x)) for k, x in v["pairs"]]
            if "map" in v:
                return {self.value(k): self.value(x) for k, x in v["map"]}
            if "set" in v:
                return set(self.value(x) for x in v["set"])
            if "gen" in v:
                return (self.value(x) for x in v["gen"])
            raise ValueError("unknown value %r" % (v,))
        return v

    def out(self, x, depth=0):
        """A Python result to its trace form (names for objects; nothing that keeps them alive)."""
        if x is None or isinstance(x, (bool, int, float, str)):
            return x
        if isinstance(x, Obj):
            return {"obj": x.name}
        if isinstance(x, types.MethodType):
            return {"method": self.out(x.__self__), "func": getattr(x.__func__, "name", x.__func__.__name__)}
        if callable(x) and hasattr(x, "name") and not isinstance(x, weakref.ref):
            return {"fn": x.name}
        if isinstance(x, weakref.KeyedRef):
            return {"keyedref": self.out(x()), "key": self.out(x.key)}
        if isinstance(x, weakref.WeakMethod):
            return {"weakmethod": x() is not None}
        if isinstance(x, weakref.ref):
            return {"ref": self.out(x())}
        if isinstance(x, weakref.WeakSet):
            return {"weakset": sorted(self.out(m)["obj"] if isinstance(m, Obj) else repr(m) for m in x)}
        if isinstance(x, weakref.WeakValueDictionary):
            return {"wvd": [[self.out(k), self.out(v)] for k, v in x.items()]}
        if isinstance(x, weakref.WeakKeyDictionary):
            return {"wkd": [[self.out(k), self.out(v)] for k, v in x.items()]}
        if isinstance(x, (list, tuple)) or hasattr(x, "__next__"):
            return [self.out(e, depth + 1) for e in x]
        return {"other": type(x).__name__}

    def error(self, e):
        """An exception to its trace form: type, and for KeyError the key (a weakref: its referent)."""
        if isinstance(e, KeyError):
            key = e.args[0] if e.args else None
            if isinstance(key, weakref.ref):
                key = key()
            return ["error", "KeyError", self.out(key)]
        return ["error", type(e).__name__, str(e)]

    def log(self, entry):
        if not self.done:
            self.trace.append(entry)

    # ---- callbacks ------------------------------------------------------------------------------

    def callback(self, label, var):
        """A callback that logs its label and whether it received the object stored in `var`."""
        raising = label.startswith("!")

        def cb(w):
            self.log(["callback", label, self.env.get(var) is w])
            if raising:
                raise Exception(label)

        self.labels[cb] = label
        return cb

    def finalizer_func(self):
        def logger(label, *args):
            self.log(["finalize", label, [self.out(a) for a in args]])
            return label

        return logger

    def unraisable(self, args):
        self.log(["unraisable", str(args.exc_value)])

    # ---- operations -----------------------------------------------------------------------------

    def run(self, op):
        kind = op["op"]
        handler = getattr(self, "op_" + kind)
        try:
            result = handler(op)
        except Exception as e:  # noqa: BLE001 - every error is part of the trace
            self.trace.append(self.error(e))
            return
        if result is not None:
            self.trace.append(result)

    def op_new(self, op):
        cls = op.get("cls", "Obj")
        self.env[op["var"]] = make_fn(op["var"]) if cls == "Fn" else Obj(op["var"])

    def op_del(self, op):
        # The marker first: the callbacks this deletion runs follow it in the trace.
        self.trace.append(["del", op["vars"]])
        for var in op["vars"]:
            del self.env[var]
        gc.collect()

    def op_collect(self, op):
        gc.collect()

    def op_ref(self, op):
        target = self.value(op["target"])
        cb = self.callback(op["cb"], op["var"]) if "cb" in op else None
        self.env[op["var"]] = weakref.ref(target, cb) if cb is not None else weakref.ref(target)

    def op_proxy(self, op):
        target = self.value(op["target"])
        cb = self.callback(op["cb"], op["var"]) if "cb" in op else None
        self.env[op["var"]] = weakref.proxy(target, cb) if cb is not None else weakref.proxy(target)

    def op_keyedref(self, op):
        target = self.value(op["target"])
        self.env[op["var"]] = weakref.KeyedRef(target, self.callback(op["cb"], op["var"]), self.value(op["key"]))

    def op_call(self, op):
        return ["call", self.out(self.env[op["ref"]]())]

    def op_callbackof(self, op):
        cb = self.env[op["ref"]].__callback__
        return ["callbackof", None if cb is None else self.labels.get(cb, "?")]

    def op_is(self, op):
        return ["is", self.env[op["a"]] is self.env[op["b"]]]

    def op_eq(self, op):
        return ["eq", self.env[op["a"]] == self.env[op["b"]]]

    def op_count(self, op):
        return ["count", weakref.getweakrefcount(self.value(op["target"]))]

    def op_refs(self, op):
        out = []
        for w in weakref.getweakrefs(self.value(op["target"])):
            name = next((k for k, v in self.env.items() if v is w), None)
            if name is not None:
                out.append("$" + name)
            elif isinstance(w, weakref.KeyedRef):
                out.append("KeyedRef")
            elif isinstance(w, weakref.WeakMethod):
                out.append("WeakMethod")
            elif isinstance(w, weakref.ref):
                out.append("ref")
            else:
                out.append("proxy")
        return ["refs", out]

    def op_getattr(self, op):
        return ["getattr", self.out(getattr(self.env[op["obj"]], op["attr"]))]

    def op_setattr(self, op):
        setattr(self.env[op["obj"]], op["attr"], self.value(op["value"]))

    def op_callp(self, op):
        return ["callp", self.out(self.env[op["obj"]](*[self.value(a) for a in op.get("args", [])]))]

    def op_wvd(self, op):
        self.env[op["var"]] = self.construct(weakref.WeakValueDictionary, op)

    def op_wkd(self, op):
        self.env[op["var"]] = self.construct(weakref.WeakKeyDictionary, op)

    def op_ws(self, op):
        self.env[op["var"]] = self.construct(weakref.WeakSet, op)

    def construct(self, cls, op):
        args = [self.value(a) for a in op.get("args", [])]
        kwargs = {k: self.value(v) for k, v in op.get("kw", {}).items()}
        return cls(*args, **kwargs)

    def op_m(self, op):
        target = self.env[op["obj"]]
        args = [self.value(a) for a in op.get("args", [])]
        kwargs = {k: self.value(v) for k, v in op.get("kw", {}).items()}
        result = getattr(target, op["name"])(*args, **kwargs)
        if "into" in op:
            self.env[op["into"]] = result
        return ["m", op["name"], self.out(result)]

    def op_len(self, op):
        return ["len", len(self.env[op["obj"]])]

    def op_in(self, op):
        return ["in", self.value(op["key"]) in self.env[op["obj"]]]

    def op_iter(self, op):
        target = self.env[op["obj"]]
        items = [self.out(x) for x in target]
        if isinstance(target, weakref.WeakSet):
            items.sort(key=json.dumps)
        return ["iter", items]

    def op_popall(self, op):
        s = self.env[op["obj"]]
        popped = []
        while True:
            try:
                popped.append(self.out(s.pop()))
            except KeyError as e:
                return ["popall", sorted(popped, key=json.dumps), self.error(e)]

    def op_wm(self, op):
        obj = self.env[op["obj"]]
        method = getattr(obj, op["meth"])
        if "cb" in op:
            self.env[op["var"]] = weakref.WeakMethod(method, self.callback(op["cb"], op["var"]))
        else:
            self.env[op["var"]] = weakref.WeakMethod(method)

    def op_wmcall(self, op):
        bound = self.env[op["var"]]()
        return ["wmcall", None if bound is None else self.out(bound())]

    def op_mt(self, op):
        func = self.value(op["func"]) if "func" in op else Obj.m
        self.env[op["var"]] = types.MethodType(func, self.value(op["obj"]))

    def op_wm1(self, op):
        m = self.env[op["m"]]
        if "cb" in op:
            self.env[op["var"]] = weakref.WeakMethod(m, self.callback(op["cb"], op["var"]))
        else:
            self.env[op["var"]] = weakref.WeakMethod(m)

    def op_wmget(self, op):
        self.env[op["into"]] = self.env[op["var"]]()

    def op_mcall(self, op):
        return ["mcall", self.out(self.env[op["var"]]())]

    def op_hasheq(self, op):
        return ["hasheq", hash(self.env[op["a"]]) == hash(self.env[op["b"]])]

    def op_fin(self, op):
        obj = self.value(op["obj"])
        args = [self.value(a) for a in op.get("args", [])]
        self.env[op["var"]] = weakref.finalize(obj, self.finalizer_func(), op["label"], *args)

    def op_finop(self, op):
        f = self.env[op["var"]]
        name = op["name"]
        if name == "alive":
            return ["fin", name, f.alive]
        if name == "atexit":
            return ["fin", name, f.atexit]
        if name == "call":
            return ["fin", name, self.out(f())]
        info = f.detach() if name == "detach" else f.peek()
        if info is None:
            return ["fin", name, None]
        obj, _func, args, _kwargs = info
        return ["fin", name, [self.out(obj), [self.out(a) for a in args]]]

    def op_gc(self, op):
        # gc.disable() / gc.enable() / gc.isenabled(): every `del` collects, whatever the state.
        if op["name"] == "isenabled":
            return ["gc", "isenabled", gc.isenabled()]
        getattr(gc, op["name"])()

    def finish(self):
        # Nothing of this program may run later: finalizers are detached (no atexit), and late
        # callbacks of objects that die when the environment goes are not logged.
        self.done = True
        for value in list(self.env.values()):
            if type(value) is weakref.finalize:  # not isinstance: a dead proxy would raise
                value.detach()
        self.env.clear()
        gc.collect()


def run_program(ops):
    program = Program()
    sys.unraisablehook = program.unraisable
    try:
        for op in ops:
            program.run(op)
    finally:
        trace = program.trace
        program.finish()
        sys.unraisablehook = sys.__unraisablehook__
        gc.enable()  # each program starts with gc enabled, as in the interpreter
    return trace


def main():
    request = json.load(sys.stdin)
    programs = request["programs"]
    del request
    # Each trace is serialised as soon as its program ends: strings are not tracked by the cyclic
    # collector, so the gc.collect() calls of later programs do not walk the traces of earlier ones
    # (which made long runs quadratic). The request itself is frozen out of the collector's sight.
    gc.freeze()
    chunks = [json.dumps(run_program(ops)) for ops in programs]
    sys.stdout.write('{"python": %s, "traces": [%s]}' % (json.dumps(sys.version.split()[0]), ",".join(chunks)))


if __name__ == "__main__":
    main()
