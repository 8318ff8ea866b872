#!/usr/bin/env bash
# GraphQL throughput and latency on the embedded store, one command, bounded in time (about 2 minutes):
#   bash bench/graphql.sh            # CLIENTS=32 SECONDS_PER_RUN=15 by default
# Builds Release, seeds a throwaway data folder, adds articles up to 100, runs the server pinned to CPU 0
# and the load generator pinned to CPU 1 (taskset), then measures, one after the other in the same run: the
# no-grain echo query, the tutorial's authorArticles query, a page of 100 articles and the addArticle mutation
# (a persisted write), then a subscription fan-out. Prints one line per query with the server's CPU;
# docs/benchmarks.md records the numbers. QUERIES, WARMUP (seconds per query, 5; tiered compilation on one pinned
# core wants 30 or more), SUBSCRIBERS, FAN_OUT_RATE, PROVIDER (Embedded) and DASHBOARD (false) can be set.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${CLIENTS:-32}
seconds=${SECONDS_PER_RUN:-15}
server_cpu=${SERVER_CPU:-0}
load_cpu=${LOAD_CPU:-1}

dotnet build -c Release -v q -nologo src/WebFront >/dev/null
dotnet build -c Release -v q -nologo bench/GraphQLLoad >/dev/null

data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export ActorChat__Storage__Provider=${PROVIDER:-Embedded} ActorChat__Storage__Embedded__DataFolder="$data/data"
export ActorChat__Silo__SiloPort=$((port + 1)) ActorChat__Silo__GatewayPort=$((port + 2)) ActorChat__Dashboard__Enabled=${DASHBOARD:-false}
export Logging__LogLevel__Default=Warning Urls="http://127.0.0.1:$port" DOTNET_gcServer=0
export ActorChat__Auth__AllowAnonymous=true ActorChat__Limits__ConnectionsPerUser=1000000
server=src/WebFront/bin/Release/net10.0/ActorChat.WebFront.dll
# The server's output goes to a log in the data folder, so it does not interleave with the results; a failed run
# prints its end before the folder is removed.
cleanup() {
  local status=$?
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
  wait 2>/dev/null
  if [ "$status" -ne 0 ] && [ -s "$data/server.log" ]; then echo "The run failed; the server's log ends with:"; tail -n 40 "$data/server.log"; fi
  rm -rf "$data"
}
trap cleanup EXIT

(cd "$data" && timeout 120 dotnet "$OLDPWD/$server" seed >/dev/null 2>&1)
(cd "$data" && exec taskset -c "$server_cpu" dotnet "$OLDPWD/$server" >"$data/server.log" 2>&1) &
pid=$!
url="http://127.0.0.1:$port/graphql"
for _ in $(seq 1 300); do
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{ ans }"}' "$url" && break
  sleep 0.2
done
# The sample data has 7 articles and 3 authors; the page query wants 100 articles, the updates 32 of each.
for i in $(seq 8 100); do
  curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation { addArticle(title: \\\"Bench article $i\\\", year: 2024) { id } }\"}" "$url"
done
for i in $(seq 4 32); do
  curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"query\":\"mutation { addAuthor(name: \\\"Bench author $i\\\") { id } }\"}" "$url"
done

echo "server on CPU $server_cpu, load on CPU $load_cpu, $clients clients, ${seconds}s per query, $(nproc) CPUs, $(date -u +%FT%TZ)"
for query in ${QUERIES:-echo author-articles articles-page add-article}; do
  timeout $((seconds + ${WARMUP:-5} + 60)) taskset -c "$load_cpu" dotnet bench/GraphQLLoad/bin/Release/net10.0/GraphQLLoad.dll \
    --url "$url" --query "$query" --clients "$clients" --seconds "$seconds" --warmup "${WARMUP:-5}" --server-pid "$pid"
done
# Subscription fan-out: SUBSCRIBERS graphql-ws sockets on one room's events, FAN_OUT_RATE messages per second into
# the room from a raw WebSocket client (SUBSCRIBERS=0 skips it).
if [ "${SUBSCRIBERS:-1000}" -gt 0 ]; then
  timeout $((2 * seconds + 300)) taskset -c "$load_cpu" dotnet bench/GraphQLLoad/bin/Release/net10.0/GraphQLLoad.dll \
    --url "$url" --subscribers "${SUBSCRIBERS:-1000}" --rate "${FAN_OUT_RATE:-20}" --seconds "$seconds" --server-pid "$pid"
fi
