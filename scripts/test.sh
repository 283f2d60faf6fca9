#!/usr/bin/env bash
# Installs everything and runs every test.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
cd "$likeness_root"
pnpm install --frozen-lockfile
pnpm test
