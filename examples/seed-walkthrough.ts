/**
 * `npm run demo`: the walkthrough of ../shared/seed/python-weakref-blog.md (a 2016 post teaching
 * Python's weakref with `ref`, `proxy` and a `WeakValueDictionary`-backed cache), ported step by step
 * to TypeScript, each step going one further than the post: it drops the last strong reference,
 * awaits `gc.collect()` and shows what the weak reference then says.
 */
import { run as refStep } from './seed/01-ref';
import { run as proxyStep } from './seed/02-proxy';
import { run as cacheStep } from './seed/03-cache-manager';
import { run as finalizeStep } from './seed/04-finalize';

const steps: Array<() => Promise<void>> = [refStep, proxyStep, cacheStep, finalizeStep];

async function main(): Promise<void> {
  for (const step of steps) {
    await step();
    console.log('');
  }
  console.log('Walkthrough complete.');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
