/**
 * The repository's root folder, for specs that read files or start processes: the nearest folder above
 * this file whose package.json is pyweakref's. Specs run from spec/ under ts-node and from a compiled
 * copy (`npm test`, see tsconfig.spec.json), where `__dirname` is in the build folder instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const name = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown }).name;
      if (name === 'pyweakref') return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no pyweakref package.json above ${start}`);
  }
}

export const ROOT = findRoot(__dirname);
