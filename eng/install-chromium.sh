#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's headless-browser test. Idempotent: does nothing when
# /usr/bin/chromium already exists. Needs root (or sudo) and apt.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  SUDO="sudo -n"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
test -x /usr/bin/chromium
