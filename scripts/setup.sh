#!/usr/bin/env bash
# Prepares a checkout for building, testing and running:
#   1. Debian packages: the ones given as arguments, or the default set below
#      (`--no-apt` installs none). Only missing ones are installed.
#   2. Node 22 and the committed Yarn (scripts/env.sh).
#   3. node_modules via `yarn install --immutable`, only when it is stale.
# Idempotent: a second run on a prepared machine takes about a second.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
t_total=$(date +%s)
# shellcheck source=scripts/env.sh
source scripts/env.sh

DEFAULT_APT_PACKAGES=(postgresql chromium prometheus)

timings=()
# Called directly, not as `cmd || ...`: that would switch off `set -e` inside the steps.
record() { # record LABEL START_EPOCH
  timings+=("$(printf '%-28s %4ss' "$1" "$(($(date +%s) - $2))")")
}
# env.sh (sourced above) has put Node 22 on PATH, installing it when needed.
record "node + yarn (env.sh)" "$t_total"
sre_log "node $(node --version), yarn $(yarn --version)"

# --- Debian packages -------------------------------------------------------------------
if [ "${1:-}" = "--no-apt" ]; then
  apt_packages=()
elif [ "$#" -gt 0 ]; then
  apt_packages=("$@")
else
  apt_packages=("${DEFAULT_APT_PACKAGES[@]}")
fi

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

install_apt_packages() {
  local missing=() pkg sudo=()
  for pkg in "${apt_packages[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    [ "${#apt_packages[@]}" -eq 0 ] || sre_log "Debian packages present: ${apt_packages[*]}"
    return 0
  fi
  # CI and these machines run as root; elsewhere fall back to sudo.
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  sre_log "Installing Debian packages: ${missing[*]}"
  # Update the index once, and only when something is actually missing.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
t0=$(date +%s)
install_apt_packages
record "debian packages" "$t0"

# --- node_modules ------------------------------------------------------------------------
install_node_modules() {
  if [ -d node_modules ] && [ -f node_modules/.yarn-state.yml ] &&
    ! [ yarn.lock -nt node_modules/.yarn-state.yml ]; then
    sre_log "node_modules is up to date with yarn.lock; skipping yarn install"
  else
    sre_log "yarn install --immutable"
    # --immutable: CI must never rewrite yarn.lock; a stale lockfile is an error.
    yarn install --immutable
  fi
  # Native modules are compiled for one Node ABI; after a Node switch they must be rebuilt.
  if [ -d node_modules/better-sqlite3 ] &&
    ! node -e "new (require('better-sqlite3'))(':memory:').close()" >/dev/null 2>&1; then
    sre_log "better-sqlite3 does not load under node $(node --version); rebuilding it"
    yarn rebuild better-sqlite3
  fi
}
t0=$(date +%s)
install_node_modules
record "node_modules" "$t0"

record "setup total" "$t_total"
sre_log "setup timings:"
printf '  %s\n' "${timings[@]}" >&2
