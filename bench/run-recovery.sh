#!/usr/bin/env bash
# Reconnect recovery in one run: resume cost, memory per room of full history, and the raw WebSocket fan-out
# with room history on (ActorChat:Recovery:HistoryLength=100, the default) and off (0).
# Usage: bench/run-recovery.sh [ROUNDS] [ROOMS]. Prints one JSON line per measurement. Server and clients share
# this machine's 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
rounds=${1:-50} rooms=${2:-1000}
(cd bench/recovery && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
build src/WebFront
limits=(--ActorChat:Limits:EventsPerSecond=1000000 --ActorChat:Limits:EventBurst=1000000)

run_client() { # HISTORY_LENGTH MODE ARGS...: one fresh server, one measurement
  local history=$1 mode=$2; shift 2
  local port; port=$(free_port)
  start_actorchat "$port" "--ActorChat:Recovery:HistoryLength=$history" "${limits[@]}"
  wait_for "http://127.0.0.1:$port/api/users/probe"
  node bench/recovery/recovery.mjs "$mode" "ws://127.0.0.1:$port/ws/chat" "$server" "$@" | sed "s/^{/{\"historyLength\":$history,/"
  kill "$server"; wait "$server" 2>/dev/null || true
}

run_client 100 resume "$rounds" 100
run_client 100 fill "$rooms" 100 100
run_client 0 fill "$rooms" 100 100
for history in 100 0; do
  echo -n "{\"historyLength\":$history,\"fanOut\":"
  ACTORCHAT_ARGS="--ActorChat:Recovery:HistoryLength=$history" bench/run-ws.sh 1000 10 10 20
  echo "}"
done
