#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium, for the browser smoke test
# (scripts/browser-smoke.mjs). Installs the `chromium` package with apt-get when it is absent: CI and
# new machines start without it, and playwright-core never downloads a browser of its own.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: /usr/bin/chromium is missing and installing it needs root (apt-get install chromium)" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
