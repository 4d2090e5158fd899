#!/usr/bin/env bash
# Installs the Debian packages the tests need (run as root; CI does). Idempotent and quiet.
#   php-cli   the PHP reference the signing property tests compare against
#   chromium  the browser the element tests run in (Debian's; no test tool downloads its own)
#   curl, jq, openssl   what the READMEs' commands use (packages/proxy/test/readme-commands.test.ts runs them)
set -euo pipefail
packages=(php-cli chromium curl jq openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-system: missing Debian packages: ${missing[*]} (run this script as root)" >&2
    exit 1
  fi
  echo "setup-system: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "setup-system: ok"
