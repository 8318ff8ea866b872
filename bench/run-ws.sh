#!/usr/bin/env bash
# Starts a Release ActorChat server, runs the raw-WebSocket load generator against it, stops the server.
# Usage: bench/run-ws.sh CLIENTS ROOMS [SECONDS] [RATE_PER_ROOM] [extra load generator switches...]
# Prints the load generator's JSON line. Server and load generator share this machine's 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-1000} rooms=${2:-10} seconds=${3:-20} rate=${4:-20}
shift $(( $# < 4 ? $# : 4 ))
ulimit -n "$(ulimit -Hn)"
dotnet build -c Release -v quiet --nologo src/WebFront >/dev/null
dotnet build -c Release -v quiet --nologo bench/LoadGen >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet src/WebFront/bin/Release/net10.0/ActorChat.WebFront.dll --urls "http://127.0.0.1:$port" \
  --ActorChat:Silo:SiloPort=$((port + 1)) --ActorChat:Silo:GatewayPort=$((port + 2)) \
  --ActorChat:Realtime:SendQueueLimit=100000 --Logging:LogLevel:Default=Warning >/tmp/actorchat-bench-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/users/probe" >/dev/null && break; sleep 0.2; done
dotnet bench/LoadGen/bin/Release/net10.0/ActorChat.LoadGen.dll --url "ws://127.0.0.1:$port/ws/chat" \
  --clients "$clients" --rooms "$rooms" --seconds "$seconds" --rate "$rate" --server-pid "$server" "$@"
