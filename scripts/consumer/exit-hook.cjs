'use strict';
// finalize at process exit (CONTRACT §8): live finalizers with atexit true run newest first when the
// process exits normally; atexit false ones do not. The parent checks the printed lines.
const w = require('pyweakref');
if (typeof w.finalize !== 'function') {
  console.log('no finalize');
} else {
  const kept = [{}, {}, {}];
  globalThis.kept = kept;
  w.finalize(kept[0], () => console.log('exit:first'));
  w.finalize(kept[1], () => console.log('exit:never')).atexit = false;
  w.finalize(kept[2], () => console.log('exit:second'));
  console.log('main done');
}
