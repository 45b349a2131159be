#!/usr/bin/env bash
# Runs MediaSync locally: installs what is missing (Azurite via npm), starts Azurite (data in .azurite/), creates
# local.settings.json with generated keys on first run, builds and starts the function host on
# http://127.0.0.1:7071 and prints its URLs. With no real source configured (no Sources__* setting), it also starts
# the sandbox providers, configures a `demo` Xtream source on them, runs a full sync with a progress bar and leaves
# the dashboard up. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")"

HOST_URL="http://127.0.0.1:7071"
AZURITE_PID=""
HOST_PID=""
SANDBOX_PID=""

stop_all() {
  trap - EXIT INT TERM
  # The sandbox keeps nothing (its catalog is generated in memory) and does not exit on SIGTERM: kill it outright.
  [[ -n "$SANDBOX_PID" ]] && kill -KILL "$SANDBOX_PID" 2>/dev/null || true
  if [[ -n "$HOST_PID" ]] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill -TERM "$HOST_PID" 2>/dev/null || true
    wait "$HOST_PID" 2>/dev/null || true
  fi
  if [[ -n "$AZURITE_PID" ]] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill -TERM "$AZURITE_PID" 2>/dev/null || true
    # Azurite saves its data and logs each of its three services closed, but its process can then linger for a
    # minute or more: once all three are closed (or after 30 s), end it.
    for ((i = 0; i < 300; i++)); do
      kill -0 "$AZURITE_PID" 2>/dev/null || break
      (( $(grep -c "service successfully closed" .azurite/azurite.log 2>/dev/null || true) >= 3 )) && break
      sleep 0.1
    done
    kill -KILL "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'echo; echo "Stopping…"; exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() { # port, seconds, what, pid
  for ((i = 0; i < $2 * 10; i++)); do
    port_in_use "$1" && return 0
    kill -0 "$4" 2>/dev/null || { echo "$3 exited before opening port $1." >&2; exit 1; }
    sleep 0.1
  done
  echo "$3 did not open port $1 within $2 s." >&2
  exit 1
}

command -v dotnet >/dev/null || { echo "The .NET SDK (see global.json) is required: https://dot.net" >&2; exit 1; }
bash eng/install-prerequisites.sh

if port_in_use 7071; then
  echo "Port 7071 is already in use; stop whatever listens there (another ./run.sh?) and retry." >&2
  exit 1
fi

# First run: local settings with fresh random keys (the file is git-ignored; the keys stay on this machine).
if [[ ! -f local.settings.json ]]; then
  new_key() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
  while IFS= read -r line; do
    while [[ "$line" == *"<generate>"* ]]; do line="${line/<generate>/$(new_key)}"; done
    printf '%s\n' "$line"
  done < local.settings.sample.json > local.settings.json
  chmod 600 local.settings.json
  echo "Created local.settings.json with generated keys (printed once; they stay in that file):"
  grep -E '"Host__' local.settings.json | sed 's/^ */  /'
fi

# Azurite on its standard ports (matching UseDevelopmentStorage=true), or on free ports with a full connection string.
mkdir -p .azurite
BLOB=10000 QUEUE=10001 TABLE=10002
if port_in_use $BLOB || port_in_use $QUEUE || port_in_use $TABLE; then
  BLOB=$((20000 + RANDOM % 30000)); QUEUE=$((BLOB + 1)); TABLE=$((BLOB + 2))
  # The published Azurite development key: public, documented, accepted only by the emulator.
  export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"
  echo "Azurite's standard ports are busy; using $BLOB-$TABLE (AzureWebJobsStorage set for this run only)."
fi
# setsid: Ctrl-C reaches only this script, which then stops the host before the storage it writes to.
setsid node node_modules/azurite/dist/src/azurite.js --location .azurite --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --blobPort $BLOB --queueHost 127.0.0.1 --queuePort $QUEUE --tableHost 127.0.0.1 --tablePort $TABLE \
  > .azurite/azurite.log 2>&1 &
AZURITE_PID=$!
wait_for_port $TABLE 30 "Azurite" "$AZURITE_PID"

# A real source is one configured in local.settings.json or the environment; otherwise the demo runs on the sandbox.
DEMO=""
if ! grep -q '"Sources__' local.settings.json && ! env | grep -q '^Sources__'; then
  DEMO=1
fi

echo "Building…"
dotnet build src/MediaSync.Functions -c Release -v q -clp:ErrorsOnly -nologo
if [[ -n "$DEMO" ]]; then
  dotnet build src/MediaSync.Sandbox -c Release -v q -clp:ErrorsOnly -nologo
  SANDBOX_PORT=7072
  port_in_use $SANDBOX_PORT && SANDBOX_PORT=$((20000 + RANDOM % 30000))
  # A modest catalog with a little latency so the progress bar has something to show; the sandbox's own
  # published test login (sandbox / sandbox-secret), which opens nothing but the sandbox.
  setsid dotnet src/MediaSync.Sandbox/bin/Release/net10.0/MediaSync.Sandbox.dll --port $SANDBOX_PORT \
    --live 3000 --vod 12000 --series 400 --live-categories 30 --vod-categories 60 --series-categories 20 \
    --seasons 3 --episodes 8 --latency-ms 40 --latency-max-ms 120 --max-connections 4 > .azurite/sandbox.log 2>&1 &
  SANDBOX_PID=$!
  wait_for_port $SANDBOX_PORT 60 "The sandbox" "$SANDBOX_PID"
  export Sources__demo__Kind=Xtream Sources__demo__BaseUrl="http://127.0.0.1:$SANDBOX_PORT/" \
    Sources__demo__Username=sandbox Sources__demo__Password=sandbox-secret
fi
# Run the built app directly (one process: Ctrl-C reaches it); the repository root is its content root,
# so it reads host.json and local.settings.json from here.
# In the demo the host's log goes to a file, so the progress bar stays readable.
HOST_LOG=/dev/stdout
[[ -n "$DEMO" ]] && HOST_LOG=.azurite/host.log
ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
  setsid dotnet src/MediaSync.Functions/bin/Release/net10.0/MediaSync.Functions.dll --urls "$HOST_URL" >> "$HOST_LOG" 2>&1 &
HOST_PID=$!
wait_for_port 7071 60 "The function host" "$HOST_PID"

cat <<INFO

MediaSync is running.
  Dashboard:       $HOST_URL/
  Health:          $HOST_URL/api/health
  Management API:  $HOST_URL/runtime/webhooks/durabletask/instances   (x-functions-key: the master or durabletask_extension system key)
  Demo:            curl -X POST -H "x-functions-key: <Host__Keys__Default>" "$HOST_URL/api/demo/progress?steps=50&stepMs=200"
  Keys:            local.settings.json (Host__MasterKey, Host__Keys__Default, Host__SystemKeys__durabletask_extension)
  Azurite data:    .azurite/ (log: .azurite/azurite.log)
INFO

if [[ -n "$DEMO" ]]; then
  FUNCTION_KEY="${Host__Keys__Default:-$(sed -n 's/.*"Host__Keys__Default": *"\([^"]*\)".*/\1/p' local.settings.json)}"
  cat <<DEMOINFO
No source is configured (Sources__{id}__Kind, … in local.settings.json), so this is the demo: the sandbox
providers run on http://127.0.0.1:$SANDBOX_PORT/ and a full sync of the 'demo' Xtream source starts now
(host log: .azurite/host.log).
  Status:          curl -H "x-functions-key: <Host__Keys__Default>" $HOST_URL/api/sync/demo
  Browse:          curl -H "x-functions-key: <Host__Keys__Default>" "$HOST_URL/api/catalog/demo/vod?pageSize=20"
DEMOINFO
  curl -sf -o /dev/null -X POST -H "x-functions-key: $FUNCTION_KEY" "$HOST_URL/api/sync/demo" \
    || echo "Starting the demo sync failed (is one already running?)." >&2
  node eng/sync-progress.mjs "$HOST_URL" demo "$FUNCTION_KEY" || true
  echo "The dashboard stays up: $HOST_URL/"
fi
echo "Press Ctrl-C to stop."

wait "$HOST_PID"
