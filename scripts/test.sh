#!/usr/bin/env bash
# Installs everything and runs every test: unit, hooks, components and stories in Chromium.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/ensure-chromium.sh"
cd "$likeness_root"
pnpm install --frozen-lockfile
pnpm test
