/**
 * Seed walkthrough, step 2: `weakref.proxy` (the post's "class weakref.proxy(object[, callback])" demo).
 *
 * Python:
 *   a = A(); print(a)          # <__main__.A object at 0x0126FFE0>
 *   ref = weakref.proxy(a)     # a proxy: no () needed to reach the object
 *   print(ref)                 # <__main__.A object at 0x0126FFE0>
 *
 * Python's print(p) calls str(p), which the proxy forwards to the referent; JavaScript's String(p)
 * (and template literals) do the same. console.log(p) shows the proxy itself, as Python's repr(p).
 */
import * as util from 'node:util';
import { proxy, gc, getweakrefcount, ProxyType } from '../../src';

class A {
  name = 'a';
  greet(): string {
    return `hello from ${this.name}`;
  }
  toString(): string {
    // Python's default str, without the address (the proxy's repr below shows pyweakref's ids).
    return '<__main__.A object>';
  }
}

export async function run(): Promise<void> {
  console.log('## weakref.proxy(object[, callback])');
  let a: A | undefined = new A();
  console.log(`a = A(); print(a)           -> ${a}`);
  const p = proxy(a, (dead) => console.log(`  callback ran with ${util.inspect(dead)}`));
  console.log(`p = proxy(a, callback)`);
  console.log(`print(p)                    -> ${p}   (str() goes through to a)`);
  console.log(`repr(p) / console.log(p)    -> ${util.inspect(p)}`);
  console.log(`p.name, p.greet()           -> ${p.name}, ${p.greet()}   (no () needed, unlike ref)`);
  console.log(`p instanceof A, ProxyType   -> ${p instanceof A}, ${p instanceof ProxyType}`);
  console.log(`getweakrefcount(a)          -> ${getweakrefcount(a)}`);
  console.log('One step further than the post: drop the last strong reference and collect.');
  console.log('a = undefined               (Python: del a)');
  a = undefined;
  const cleared = await gc.collect();
  console.log(`await gc.collect()          -> ${cleared} reference cleared`);
  try {
    console.log(p.name);
  } catch (err) {
    console.log(`p.name                      -> throws ${(err as Error).name}: ${(err as Error).message}`);
  }
  console.log(`console.log(p)              -> ${util.inspect(p)}   (printing never throws)`);
}
