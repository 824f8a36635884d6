/**
 * Seed walkthrough, step 3: the post's `CacheManager`, an object cache built on a
 * `weakref.WeakValueDictionary` ("class weakref.WeakValueDictionary([dict])").
 *
 * Python:
 *   class CacheManager(object):
 *       def __init__(self):
 *           self._cache = weakref.WeakValueDictionary()
 *       def get_object(self, name):
 *           if name not in self._cache:
 *               o = TestObject._new(name)
 *               self._cache[name] = o
 *               return o
 *           else:
 *               return self._cache[name]
 *
 *   class TestObject(object):
 *       def __init__(self):
 *           raise RuntimeError('cannot instance TestObject directly')
 *       @classmethod
 *       def _new(cls, name):
 *           self = cls.__new__(cls)
 *           self.name = name
 *           return self
 *
 *   cache_manager = CacheManager()
 *   cache1 = cache_manager.get_object('test')
 *   cache2 = cache_manager.get_object('test')    # the same object as cache1
 */
import { WeakValueDictionary, gc, ref } from '../../src';

/** Python's `TestObject`: only `TestObject._new(name)` may make one. */
class TestObject {
  private static constructing = false;
  /** How many TestObjects `_new` has built, to show when the cache builds a fresh one. */
  static made = 0;
  name = '';

  // Python raises in __init__ and builds instances with cls.__new__(cls); in TypeScript a private
  // constructor keeps others out at compile time, and the flag refuses them at run time.
  private constructor() {
    if (!TestObject.constructing) throw new Error('RuntimeError: cannot instance TestObject directly');
  }

  static _new(name: string): TestObject {
    TestObject.constructing = true;
    try {
      const self = new TestObject();
      self.name = name;
      TestObject.made++;
      return self;
    } finally {
      TestObject.constructing = false;
    }
  }

  toString(): string {
    return `<TestObject '${this.name}'>`;
  }
}

/** Python's `CacheManager`: objects shared by name while someone uses them. */
class CacheManager {
  readonly _cache = new WeakValueDictionary<string, TestObject>();

  get_object(name: string): TestObject {
    // Python: `if name not in self._cache` / `self._cache[name] = o` / `return self._cache[name]`.
    // Dict-style access works too (`name in this._cache`, `this._cache[name]` in JavaScript); in
    // TypeScript the methods keep the types.
    if (!this._cache.has(name)) {
      const o = TestObject._new(name);
      this._cache.set(name, o);
      return o;
    }
    return this._cache.__getitem__(name);
  }
}

export async function run(): Promise<void> {
  console.log('## weakref.WeakValueDictionary([dict]): the CacheManager');
  const cacheManager = new CacheManager();
  try {
    new (TestObject as unknown as new () => TestObject)();
  } catch (e) {
    console.log(`TestObject()                       -> ${(e as Error).message}`);
  }
  let cache1: TestObject | undefined = cacheManager.get_object('test');
  console.log(`cache1 = get_object('test')        -> ${cache1}`);
  let cache2: TestObject | undefined = cacheManager.get_object('test');
  console.log(`cache2 = get_object('test')        -> ${cache2}`);
  console.log(`cache1 is cache2                   -> ${cache1 === cache2}`);
  console.log(`len(cache)                         -> ${cacheManager._cache.size}`);
  console.log(`'test' in cache                    -> ${'test' in cacheManager._cache}`);
  console.log(`TestObjects built so far           -> ${TestObject.made}`);
  console.log('One step further than the post: every user drops the object, and we collect.');
  const first = ref(cache1);
  console.log('cache1 = cache2 = undefined        (Python: del cache1, cache2)');
  cache1 = undefined;
  cache2 = undefined;
  await gc.collect();
  console.log('await gc.collect()');
  console.log(`len(cache)                         -> ${cacheManager._cache.size}`);
  console.log(`'test' in cache                    -> ${'test' in cacheManager._cache}`);
  console.log(`ref to the first object            -> ${first()}   (it is gone)`);
  const cache3 = cacheManager.get_object('test');
  console.log(`cache3 = get_object('test')        -> ${cache3}`);
  console.log(`TestObjects built so far           -> ${TestObject.made}   (a fresh one was built)`);
  console.log(`len(cache)                         -> ${cacheManager._cache.size}`);
}
