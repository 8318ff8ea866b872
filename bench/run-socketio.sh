#!/usr/bin/env bash
# Socket.IO side by side: ActorChat's /socket.io/ endpoint, then a Node socket.io 4.8 server
# (bench/peers/socketio-peer.cjs) doing the same work, each measured by the same load generator
# speaking Socket.IO frames over WebSocket (--protocol socketio), one after the other on this machine.
# Usage: bench/run-socketio.sh CLIENTS ROOMS [SECONDS] [RATE_PER_ROOM] [extra load generator switches...]
# Prints one JSON line per server.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
clients=${1:-1000} rooms=${2:-10} seconds=${3:-20} rate=${4:-20}
shift $(( $# < 4 ? $# : 4 ))
ulimit -n "$(ulimit -Hn)"
build src/WebFront bench/LoadGen
(cd bench/peers && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
loadgen() { dotnet bench/LoadGen/bin/Release/net10.0/ActorChat.LoadGen.dll --protocol socketio \
  --clients "$clients" --rooms "$rooms" --seconds "$seconds" --rate "$rate" "$@"; }

port=$(free_port)
start_actorchat "$port" --ActorChat:SocketIO:SendQueueLimit=100000
trap 'kill $server 2>/dev/null || true' EXIT
wait_for "http://127.0.0.1:$port/socket.io/?EIO=4&transport=polling"
echo -n '{"server":"actorchat",'; loadgen --url "ws://127.0.0.1:$port/chat" --server-pid "$server" "$@" | cut -c2-
kill $server; wait $server 2>/dev/null || true

port=$(free_port)
node bench/peers/socketio-peer.cjs "$port" >/tmp/socketio-peer.log 2>&1 &
server=$!
wait_for "http://127.0.0.1:$port/socket.io/?EIO=4&transport=polling"
echo -n '{"server":"node-socket.io-4.8.4",'; loadgen --url "ws://127.0.0.1:$port/chat" --server-pid "$server" "$@" | cut -c2-
