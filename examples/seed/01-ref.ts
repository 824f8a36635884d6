/**
 * Seed walkthrough, step 1: `weakref.ref` (the post's "class weakref.ref(object[, callback])" demo).
 *
 * Python:
 *   a = A(); print(a)          # <__main__.A object at 0x0126FEB0>
 *   ref = weakref.ref(a)
 *   print(ref())               # <__main__.A object at 0x0126FEB0>
 */
import { ref, gc, getweakrefcount } from '../../src';

class A {
  toString(): string {
    // Python's default repr, without the address (the weakref's repr below shows pyweakref's id).
    return '<__main__.A object>';
  }
}

export async function run(): Promise<void> {
  console.log('## weakref.ref(object[, callback])');
  let a: A | undefined = new A();
  console.log(`a = A(); print(a)           -> ${a}`);
  const r = ref(a, (dead) => console.log(`  callback ran with ${dead}`));
  console.log(`r = ref(a, callback)        -> ${r}`);
  console.log(`print(r())                  -> ${r()}   (the same object: ${r() === a})`);
  console.log(`getweakrefcount(a)          -> ${getweakrefcount(a)}`);
  console.log('One step further than the post: drop the last strong reference and collect.');
  console.log('a = undefined               (Python: del a)');
  a = undefined;
  const cleared = await gc.collect();
  console.log(`await gc.collect()          -> ${cleared} reference cleared`);
  console.log(`r()                         -> ${r()}   (Python: None)`);
  console.log(`print(r)                    -> ${r}`);
}
