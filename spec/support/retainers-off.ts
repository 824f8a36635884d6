/**
 * For specs about the rest of a failure message (the library's retention probes, the exact wording):
 * switches retainer paths off (`PYWEAKREF_RETAINERS=0`) for the enclosing `describe`, so that each of
 * their many deliberate failures does not take a heap snapshot. spec/retainers/ tests the paths.
 */
export function withoutRetainerPaths(): void {
  let saved: string | undefined;
  before(() => {
    saved = process.env.PYWEAKREF_RETAINERS;
    process.env.PYWEAKREF_RETAINERS = '0';
  });
  after(() => {
    if (saved === undefined) delete process.env.PYWEAKREF_RETAINERS;
    else process.env.PYWEAKREF_RETAINERS = saved;
  });
}
