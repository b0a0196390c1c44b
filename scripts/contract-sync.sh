#!/usr/bin/env bash
# contract-sync.sh: copies the facts about wazo-confd's API that confd reads
# (resources/contract) from a contract folder, by default ../shared/contract.
# The project builds and tests from its own copy; run this when the contract
# is updated, then `go test ./resources/...` shows what changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
from=${1:-../shared/contract}
install -m 0644 "$from/confd-schemas.json" resources/contract/schemas.json
install -m 0644 "$from/confd-events.json" resources/contract/events.json
install -m 0644 "$from/acl.json" resources/contract/acl.json
install -m 0644 "$from/confd-search.json" resources/contract/search.json
echo "contract-sync: copied from $from"
