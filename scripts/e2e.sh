#!/usr/bin/env bash
# Installs everything and runs the demo's end-to-end journeys in Debian's Chromium, each against
# its own cold-started production server on the EasyRouter simulator.
set -euo pipefail
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/ensure-chromium.sh"
cd "$likeness_root"
pnpm install --frozen-lockfile
CHROMIUM_PATH="$likeness_chromium" pnpm --filter demo e2e
