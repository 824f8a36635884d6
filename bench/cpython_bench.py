"""CPython's weakref on the operations of `npm run bench`, for cross-language ratios.

Usage: python3 bench/cpython_bench.py SECONDS REPEAT MEMORY_N
Prints one JSON object: {"version", "ops": [{"id", "stmt", "ns"}], "memory": [{"id", "bytes_per_entry"}]}.

Each statement is timed with timeit (the loop runs in C, so the figure is the statement alone): the
number of loops grows until one repeat lasts SECONDS, and the median of REPEAT repeats is reported,
as the JavaScript side reports medians. Python gets the most favourable form of each operation (one
key, one object, already in the caches), so "faster than CPython" claims are conservative.
"""
import gc
import json
import statistics
import sys
import timeit
import tracemalloc
import weakref

SETUP = """
import gc, weakref
class C:
    def __init__(self):
        self.x = 1
def cb(r):
    pass
objs = [C() for _ in range(1024)]
o = objs[0]
r = weakref.ref(o)
p = weakref.proxy(o)
keys = ['k%d' % i for i in range(1024)]
vals = [C() for _ in range(1024)]
k = keys[0]
v = vals[1]
d = weakref.WeakValueDictionary(zip(keys, vals))
wkd = weakref.WeakKeyDictionary((x, 1) for x in objs)
ws = weakref.WeakSet(objs)
"""

# id (matching the JavaScript ops) -> statement
OPS = [
    ("ref.call", "r()"),
    ("ref.shared", "weakref.ref(o)"),
    ("ref.new_cb", "weakref.ref(o, cb)"),
    ("proxy.get", "p.x"),
    ("proxy.shared", "weakref.proxy(o)"),
    ("wvd.getitem.hot", "d[k]"),
    ("wvd.get.hot", "d.get(k)"),
    ("wvd.set.hot", "d[k] = v"),
    ("wkd.get.hot", "wkd.get(o)"),
    ("wkd.set.hot", "wkd[o] = 1"),
    ("ws.has.hot", "o in ws"),
    ("ws.add.hot", "ws.add(o)"),
]

GC_SETUP = SETUP + """
live = [C() for _ in range(10000)]
live_refs = [weakref.ref(x, cb) for x in live]
"""


def time_stmt(stmt, setup, seconds, repeat):
    timer = timeit.Timer(stmt, setup)
    number = 1
    while True:
        t = timer.timeit(number)
        if t >= seconds or number >= 1 << 26:
            break
        number *= 2 if t <= 0 else max(2, min(16, int(seconds / t) + 1))
    runs = [timer.timeit(number) / number for _ in range(repeat)]
    return statistics.median(runs) * 1e9


def wvd_bytes_per_entry(n):
    class C:
        pass

    keys = ["k%d" % i for i in range(n)]
    vals = [C() for _ in range(n)]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    d = weakref.WeakValueDictionary()
    for i in range(n):
        d[keys[i]] = vals[i]
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(d) == n
    return (after - before) / n


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 0.2
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    memory_n = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
    ops = [{"id": i, "stmt": s, "ns": time_stmt(s, SETUP, seconds, repeat)} for i, s in OPS]
    # gc.collect() with 10,000 live objects, each with a ref and a callback (ms per call).
    ms = time_stmt("gc.collect()", GC_SETUP, seconds, max(3, repeat // 2)) / 1e6
    ops.append({"id": "gc.collect.10k", "stmt": "gc.collect()  # 10,000 live refs with callbacks", "ms": ms})
    memory = [{"id": "mem.wvd", "bytes_per_entry": wvd_bytes_per_entry(memory_n), "n": memory_n}]
    print(json.dumps({"version": sys.version.split()[0], "ops": ops, "memory": memory}))


if __name__ == "__main__":
    main()
