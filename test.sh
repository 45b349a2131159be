#!/usr/bin/env bash
# Runs every test on a fresh machine: installs Azurite (npm ci), restores, builds (warnings are
# errors) and runs each test project. Test fixtures start their own Azurite on free loopback ports.
# Prints a closing line "N passed, N failed[, N skipped]" summed over all test projects.
#
#   ./test.sh                  everything
#   ./test.sh --filter EXPR    passes EXPR to 'dotnet test --filter' for every project
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

filter=()
if [[ "${1:-}" == "--filter" ]]; then filter=(--filter "$2"); fi

bash eng/install-prerequisites.sh

dotnet restore Functions.sln --nologo -v q
dotnet build Functions.sln -c Release --no-restore --nologo -v q -clp:ErrorsOnly

results="$(pwd)/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  # Hang dumps are off: a blame timeout only names the test that hung, which is what we need.
  if ! dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 5m --blame-hang-dump-type none \
      "${filter[@]}"; then
    status=1
  fi
done

python3 eng/summarize-trx.py "$results" || status=1
exit $status
