/**
 * Finding a leak: a failing lifetime assertion that says what holds the object.
 *
 * A page renderer keeps a cache of rendered pages "for speed" and forgets to evict them. The test
 * expects a page to go once the program drops it; `assertCollected` fails, and its message names the
 * holder: the module variable `renderCache`, the Map, the key. Then the fix (evict) makes it pass.
 *
 * Run it: `npx ts-node examples/find-a-leak.ts` (Node.js; the explanation takes one heap snapshot).
 */
import { assertCollected, LifetimeAssertionError } from '../src/testing';

class Page {
  constructor(readonly url: string) {}
}

/** The leak: nothing ever deletes from this Map. */
const renderCache = new Map<string, Page>();

function render(url: string): Page {
  const page = new Page(url);
  renderCache.set(url, page);
  return page;
}

async function main(): Promise<void> {
  try {
    await assertCollected(() => render('/home'));
    console.log('collected (unexpected: the cache should have kept it)');
  } catch (err) {
    if (!(err instanceof LifetimeAssertionError)) throw err;
    console.log(err.message.split('\n').slice(0, 3).join('\n'));
    const [path] = err.retainers;
    console.log(`first holder: ${path.steps[0].kind} '${path.steps[0].name}' in ${path.steps[0].file}`);
  }
  // The fix: evict. The same kind of page now goes as soon as the program drops it.
  renderCache.clear();
  await assertCollected(() => new Page('/contact'));
  console.log('after the fix: collected');
}

void main();
