/**
 * Errors in callbacks never propagate: they go to `sys.unraisablehook` (CONTRACT §2.4, §9, §11).
 */
import { expect } from 'chai';
import { ref, gc, sys, type UnraisableHookArgs } from '../src';
import { C, captureUnraisable } from './support/lifetime';

/** Captures what is written to stderr while `body` runs. */
async function captureStderr(body: () => Promise<void>): Promise<string> {
  const original = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    await body();
  } finally {
    process.stderr.write = original;
  }
  return text;
}

describe('JavaScript interop: sys.unraisablehook', () => {
  it('should route a throwing callback to the hook at the moment it runs, and still run the others', async () => {
    const events: string[] = [];
    const boom = new RangeError('boom');
    function failingCallback(): void {
      events.push('failing');
      throw boom;
    }
    let hooked: UnraisableHookArgs | undefined;
    const saved = sys.unraisablehook;
    sys.unraisablehook = (args) => {
      events.push('hook');
      hooked = args;
    };
    try {
      let o: C | undefined = new C();
      const r1 = ref(o, () => events.push('oldest'));
      const r2 = ref(o, failingCallback);
      const r3 = ref(o, () => events.push('newest'));
      o = undefined;
      await gc.collect();
      void [r1, r2, r3];
    } finally {
      sys.unraisablehook = saved;
    }
    expect(events).to.deep.equal(['newest', 'failing', 'hook', 'oldest']);
    expect(hooked).to.include({ exc_type: RangeError, exc_value: boom, err_msg: undefined, object: failingCallback });
    expect(hooked!.exc_traceback).to.be.a('string').and.include('boom');
  });

  it('should print "Exception ignored in: <callback>" and the stack with the default hook', async () => {
    expect(sys.unraisablehook).to.equal(sys.__unraisablehook__);
    let o: C | undefined = new C();
    function namedCallback(): void {
      throw new Error('from the callback');
    }
    const r = ref(o, namedCallback);
    const text = await captureStderr(async () => {
      o = undefined;
      await gc.collect();
    });
    void r;
    expect(text).to.match(/^Exception ignored in: <function namedCallback at 0x[0-9a-f]+>\n/);
    expect(text).to.include('Error: from the callback');
  });

  it('should capture with an assigned hook and restore the default by assigning it back', async () => {
    const seen = await captureUnraisable(async () => {
      let o: C | undefined = new C();
      const r = ref(o, () => {
        throw new TypeError('captured');
      });
      o = undefined;
      await gc.collect();
      void r;
    });
    expect(seen).to.have.length(1);
    expect((seen[0].exc_value as Error).message).to.equal('captured');
    expect(sys.unraisablehook).to.equal(sys.__unraisablehook__);
  });

  it('should never let a throwing hook escape; both errors reach stderr', async () => {
    const saved = sys.unraisablehook;
    sys.unraisablehook = () => {
      throw new Error('hook failed');
    };
    let text = '';
    try {
      text = await captureStderr(async () => {
        let o: C | undefined = new C();
        const r = ref(o, () => {
          throw new Error('callback failed');
        });
        o = undefined;
        await gc.collect();
        void r;
      });
    } finally {
      sys.unraisablehook = saved;
    }
    expect(text).to.include('hook failed');
    expect(text).to.include('callback failed');
  });

  it('should report non-Error throws too', async () => {
    const seen = await captureUnraisable(async () => {
      let o: C | undefined = new C();
      const r = ref(o, () => {
        throw 'a string';
      });
      o = undefined;
      await gc.collect();
      void r;
    });
    expect(seen).to.have.length(1);
    expect(seen[0].exc_value).to.equal('a string');
    expect(seen[0].exc_traceback).to.equal(undefined);
  });
});
