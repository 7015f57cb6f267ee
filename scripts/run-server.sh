#!/usr/bin/env bash
# Installs what is missing, builds skiff and starts a single-node cluster with the embedded store.
# Extra arguments go to `skiff server`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/publish.sh >/dev/null
exec .artifacts/skiff/skiff server "$@"
