#!/usr/bin/env bash
# Install nginx (Debian's nginx-light) for the front server of `make serve-production`, when it is missing.
# Debian would start its own nginx on port 80 as the package installs: a policy-rc.d keeps it from doing so (the
# stack runs its own nginx, with the configuration made from site/config/nginx.conf.template).
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "nginx is missing: install nginx-light as root (apt-get install nginx-light)." >&2; exit 1; }
  sudo=sudo
fi
echo "Installing nginx-light for the front server ..."
policy=/usr/sbin/policy-rc.d
added=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  added=1
fi
trap '[ -n "$added" ] && $sudo rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq nginx-light >/dev/null
