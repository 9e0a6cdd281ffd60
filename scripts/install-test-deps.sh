#!/usr/bin/env bash
# Installs what the tests need beyond a JDK, Maven Central and Node 20: Debian's Chromium (browser tests),
# SIPp (a real SIP peer for the end-to-end tests), the AWS CLI (wire compatibility of the local
# Chime control plane), and Kamailio with rtpengine (the agent softphone's registrar and WebRTC media
# relay in the local stack). Safe to run again; installs only what is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v sipp >/dev/null 2>&1 || missing+=(sip-tester)
[ -x /usr/bin/aws ] || missing+=(awscli)
command -v kamailio >/dev/null 2>&1 || missing+=(kamailio)
[ -n "$(find /usr/lib -path '*kamailio/modules/websocket.so' -print -quit 2>/dev/null)" ] || missing+=(kamailio-websocket-modules)
command -v rtpengine >/dev/null 2>&1 || missing+=(rtpengine-daemon)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=""; fi
  # The packages' own system services are not used: the local stack runs Kamailio and rtpengine as
  # its children, on its own ports. Stop and disable only a service that this install started (its
  # package was installed now and the service was not running before); one the machine already ran
  # is the administrator's.
  services=()
  systemd=false
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then systemd=true; fi
  for package in kamailio rtpengine-daemon; do
    if [[ " ${missing[*]} " == *" $package "* ]] && ! { $systemd && systemctl is-active --quiet "$package"; }; then
      services+=("$package")
    fi
  done
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if $systemd; then
    for service in "${services[@]}"; do
      if systemctl is-active --quiet "$service"; then
        echo "Stopping the $service system service that its package just started (the local stack runs its own)"
        $SUDO systemctl disable --now "$service" >/dev/null 2>&1 || true
      fi
    done
  fi
fi

command -v node >/dev/null 2>&1 || { echo "Node.js 20 or newer is required for the web client and cognito-local." >&2; exit 1; }
