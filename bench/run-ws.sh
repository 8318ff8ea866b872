#!/usr/bin/env bash
# Starts a Release ActorChat server, runs the raw-WebSocket load generator against it, stops the server.
# Usage: bench/run-ws.sh CLIENTS ROOMS [SECONDS] [RATE_PER_ROOM] [extra load generator switches...]
# Prints the load generator's JSON line. Server and load generator share this machine's 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
clients=${1:-1000} rooms=${2:-10} seconds=${3:-20} rate=${4:-20}
shift $(( $# < 4 ? $# : 4 ))
ulimit -n "$(ulimit -Hn)"
build src/WebFront bench/LoadGen
port=$(free_port)
# ACTORCHAT_ARGS: extra server switches, such as --ActorChat:Recovery:HistoryLength=0.
# shellcheck disable=SC2086
start_actorchat "$port" --ActorChat:Realtime:SendQueueLimit=100000 ${ACTORCHAT_ARGS:-}
trap 'kill $server 2>/dev/null || true' EXIT
wait_for "http://127.0.0.1:$port/api/users/probe"
dotnet bench/LoadGen/bin/Release/net10.0/ActorChat.LoadGen.dll --url "ws://127.0.0.1:$port/ws/chat" \
  --clients "$clients" --rooms "$rooms" --seconds "$seconds" --rate "$rate" --server-pid "$server" "$@"
