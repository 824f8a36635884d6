"""An identity map: one live object per database row, forgotten once nobody uses it.

The Python original of examples/object-cache.ts (docs/porting-guide.md, "A worked port").
Run it with `python3 examples/object-cache.py`; the TypeScript port prints the same lines.
"""
import gc
import weakref


# region identity-map
class Row:
    def __init__(self, key, name):
        self.key = key
        self.name = name

    def __repr__(self):
        return f"Row({self.key}, {self.name!r})"


class IdentityMap:
    """One live Row per key; rows that nobody uses are forgotten."""

    def __init__(self, fetch):
        self._fetch = fetch
        self._rows = weakref.WeakValueDictionary()  # key -> the live Row
        self._loaded = weakref.WeakKeyDictionary()  # Row -> its name as fetched
        self.fetches = 0

    def get(self, key):
        row = self._rows.get(key)
        if row is None:
            row = Row(key, self._fetch(key))
            self.fetches += 1
            self._rows[key] = row
            self._loaded[row] = row.name
            weakref.finalize(row, print, f"forgot row {key}")
        return row

    def changed(self, row):
        return row.name != self._loaded[row]

    def __len__(self):
        return len(self._rows)

    def __contains__(self, key):
        return key in self._rows
# endregion identity-map


# region script
table = {1: "ada", 2: "grace"}
rows = IdentityMap(table.__getitem__)

a = rows.get(1)
b = rows.get(1)
print(f"same object: {a is b}, fetches: {rows.fetches}")
b.name = "ada lovelace"
print(f"changed: {rows.changed(a)}")
c = rows.get(2)
print(f"cached: {len(rows)}, 1 in rows: {1 in rows}")

del a, b  # CPython frees row 1 here: its finalizer prints at once
gc.collect()
print(f"cached: {len(rows)}, 1 in rows: {1 in rows}")

a = rows.get(1)
print(f"{a!r}, fetches: {rows.fetches}, changed: {rows.changed(a)}")
print("exit: the finalizers of the rows still alive run now")
# endregion script
