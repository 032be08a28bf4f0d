#!/usr/bin/env bash
# THE start command (README): prepares Node 22 and node_modules, then runs the app in
# development mode: frontend on http://localhost:3000, backend on http://localhost:7007,
# with the in-memory SQLite database of app-config.yaml (no PostgreSQL or Debian packages).
# Extra arguments go to `yarn start` (backstage-cli repo start), e.g. `--config ...`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --no-apt
# shellcheck source=scripts/env.sh
source scripts/env.sh # setup ran in a child process; put Node 22 and yarn on this PATH

# The demo's SLO data goes in through the push API once the backend is up, and a new
# minute follows every minute; the seeder stops with the portal.
node examples/seed/seed-demo-data.mjs --follow &
SEEDER_PID=$!
trap 'kill "$SEEDER_PID" 2>/dev/null || true' EXIT
yarn start "$@"
