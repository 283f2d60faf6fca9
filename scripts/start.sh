#!/usr/bin/env bash
# Installs everything and starts Likeness on the built-in EasyRouter simulator (no key needed).
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$likeness_root"
pnpm install --frozen-lockfile
exec pnpm start "$@"
