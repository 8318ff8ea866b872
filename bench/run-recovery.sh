#!/usr/bin/env bash
# Reconnect recovery in one run: resume cost, memory per room of full history, the raw WebSocket fan-out
# with room history on (ActorChat:Recovery:HistoryLength=100, the default) and off (0), and the cost of session
# renewal: a server's CPU with IDLE idle connections renewed every 5 s and every hour (as good as never, with a
# session window of 2 hours to allow it).
# Usage: bench/run-recovery.sh [ROUNDS] [ROOMS] [IDLE]. Prints one JSON line per measurement. Server and clients
# share this machine's 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
rounds=${1:-50} rooms=${2:-1000} idle=${3:-10000}
ulimit -n 20000 2>/dev/null || true
(cd bench/recovery && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
build src/WebFront
limits=(--ActorChat:Limits:EventsPerSecond=1000000 --ActorChat:Limits:EventBurst=1000000)

run_client() { # SETTINGS MODE ARGS...: one fresh server with ActorChat:Recovery:SETTINGS ("Name=Value ..."), one measurement
  local setting=$1 mode=$2; shift 2
  local switches; read -ra switches <<<"$setting"
  local port; port=$(free_port)
  start_actorchat "$port" "${switches[@]/#/--ActorChat:Recovery:}" "${limits[@]}"
  wait_for "http://127.0.0.1:$port/api/users/probe" || { tail -3 /tmp/actorchat-bench-server.log >&2; exit 1; }
  node bench/recovery/recovery.mjs "$mode" "ws://127.0.0.1:$port/ws/chat" "$server" "$@" | sed "s/^{/{\"recovery\":\"$setting\",/"
  kill "$server"; wait "$server" 2>/dev/null || true
}

run_client HistoryLength=100 resume "$rounds" 100
run_client HistoryLength=100 fill "$rooms" 100 100
run_client HistoryLength=0 fill "$rooms" 100 100
run_client SessionRenewalInterval=00:00:05 idle "$idle" 100 60
run_client "SessionRenewalInterval=01:00:00 SessionWindow=02:00:00" idle "$idle" 100 60
for history in 100 0; do
  echo -n "{\"historyLength\":$history,\"fanOut\":"
  ACTORCHAT_ARGS="--ActorChat:Recovery:HistoryLength=$history" bench/run-ws.sh 1000 10 10 20
  echo "}"
done
