#!/usr/bin/env bash
# The same load against a cluster (Redis, 2 silos, 2 fronts: scripts/cluster.sh) and against one process, in one run.
# Usage: bench/run-cluster.sh [LOAD...]    a LOAD is CLIENTS/ROOMS/RATE_PER_ROOM/SECONDS
#   default: 10000/100/2/10 and 1000/10/200/10
# In the cluster each room's members are spread over both fronts in turn, so every broadcast crosses fronts.
# Prints one JSON line per setup and load (the load generator's, with "setup" added): deliveries/s, p50/p99 and
# CPU seconds per process. Every process and the load generator share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
loads=("$@")
((${#loads[@]})) || loads=(10000/100/2/10 1000/10/200/10)
ulimit -n "$(ulimit -Hn)"
build src/WebFront bench/LoadGen
state=$(mktemp -d /tmp/actorchat-bench-cluster.XXXXXX)
loadgen() { dotnet bench/LoadGen/bin/Release/net10.0/ActorChat.LoadGen.dll "$@"; }
cleanup() { ACTORCHAT_CLUSTER_DIR=$state scripts/cluster.sh down >/dev/null 2>&1 || true; kill "${server:-}" 2>/dev/null || true; }
trap cleanup EXIT

# The load is the point: per-connection limits would refuse the senders (200 events/s) and slow readers' queues.
export ActorChat__Limits__EventsPerSecond=1000000 ActorChat__Limits__EventBurst=1000000 \
  ActorChat__Realtime__SendQueueLimit=100000 ActorChat__Fronts__DrainDelay=00:00:00 ActorChat__Dashboard__Enabled=false

for load in "${loads[@]}"; do
  IFS=/ read -r clients rooms rate seconds <<<"$load"
  run=(--clients "$clients" --rooms "$rooms" --rate "$rate" --seconds "$seconds")

  ACTORCHAT_CLUSTER_DIR=$state scripts/cluster.sh up >/dev/null
  urls=() pids=()
  while read -r name url; do
    [[ $name == front* ]] && urls+=("ws://${url#http://}/ws/chat")
    pids+=("$name:$(cat "$state/$name.pid")")
  done <"$state/urls"
  pids+=("redis:$(cat "$state/redis.pid")")
  echo -n '{"setup":"cluster",'
  loadgen --url "$(IFS=,; echo "${urls[*]}")" --server-pid "$(IFS=,; echo "${pids[*]}")" "${run[@]}" | cut -c2-
  ACTORCHAT_CLUSTER_DIR=$state scripts/cluster.sh down >/dev/null

  port=$(free_port)
  start_actorchat "$port"
  wait_for "http://127.0.0.1:$port/healthz"
  echo -n '{"setup":"one process",'
  loadgen --url "ws://127.0.0.1:$port/ws/chat" --server-pid "actorchat:$server" "${run[@]}" | cut -c2-
  kill "$server"; wait "$server" 2>/dev/null || true
done
