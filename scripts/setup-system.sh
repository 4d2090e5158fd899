#!/usr/bin/env bash
# Installs the Debian packages the tests need (run as root; CI does). Idempotent and quiet.
#   php-cli   the PHP reference the signing property tests compare against
#   chromium  the browser the element tests run in (Debian's; no test tool downloads its own)
#   curl, jq, openssl   what the READMEs' commands use (packages/proxy/test/readme-commands.test.ts runs them)
#   kamailio, kamailio-websocket-modules, kamailio-utils-modules   the SIP server the softphone tests also
#             run against (websocket: SIP over WebSocket; utils: http_client, which asks the sandbox for
#             a login's password). The tests start their own Kamailio on free loopback ports.
set -euo pipefail
packages=(php-cli chromium curl jq openssl kamailio kamailio-websocket-modules kamailio-utils-modules)
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

# Debian's kamailio package enables a system service (SIP on port 5060 of every interface, with the
# sample config). The tests need none of it, so it is stopped and kept from starting at boot.
if [ "$(id -u)" = 0 ]; then
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    if systemctl is-enabled --quiet kamailio 2>/dev/null || systemctl is-active --quiet kamailio 2>/dev/null; then
      echo "setup-system: stopping and disabling the system kamailio service"
      systemctl disable --now kamailio >/dev/null 2>&1
    fi
  elif [ -x /etc/init.d/kamailio ]; then
    # No systemd (containers): only the SysV script could have started it.
    if [ -s /run/kamailio/kamailio.pid ] && kill -0 "$(cat /run/kamailio/kamailio.pid)" 2>/dev/null; then
      echo "setup-system: stopping the system kamailio service"
      /etc/init.d/kamailio stop >/dev/null 2>&1 || true
    fi
    update-rc.d kamailio disable >/dev/null 2>&1 || true
  fi
fi
echo "setup-system: ok"
