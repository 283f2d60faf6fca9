# Sourced by the scripts that run browser tests: makes sure Debian's Chromium (and CJK fonts,
# so Chinese text renders in screenshots) are installed. Nothing is downloaded but Debian's
# packages; tests never fetch a browser of their own.
# shellcheck shell=bash

likeness_chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ ! -x "$likeness_chromium" ] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$likeness_chromium" ]; then
    : # a browser of the caller's choosing; fonts are theirs to provide
  elif command -v apt-get >/dev/null 2>&1; then
    likeness_sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then likeness_sudo="sudo"; else
        echo "Browser tests need Debian's chromium and fonts-noto-cjk: run 'apt-get install -y chromium fonts-noto-cjk' as root." >&2
        exit 1
      fi
    fi
    echo "Installing Chromium and CJK fonts from Debian's packages..." >&2
    $likeness_sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $likeness_sudo apt-get install -y -qq --no-install-recommends \
      chromium fonts-noto-cjk >&2
  else
    echo "Browser tests need Chromium at $likeness_chromium (set CHROMIUM_PATH to use another)." >&2
    exit 1
  fi
fi
