#!/usr/bin/env bash
# A local ActorChat cluster on loopback: redis-server, two silos and two fronts, each its own process.
#
#   scripts/cluster.sh up      builds if needed, starts everything, returns once every /readyz is 200,
#                              printing one line per process: "front NAME http://127.0.0.1:PORT" (and "silo ...")
#   scripts/cluster.sh down    stops exactly what "up" started, by PID
#   scripts/cluster.sh status  the processes "up" started and whether each still runs
#
# Servers run from built DLLs (dotnet X.dll), so each PID is the server itself and a signal reaches it.
# State (PIDs, ports, logs) lives in $ACTORCHAT_CLUSTER_DIR (default: artifacts/cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
state=${ACTORCHAT_CLUSTER_DIR:-$root/artifacts/cluster}
silo_dll=$root/src/Silo/bin/Release/net10.0/ActorChat.Silo.dll
front_dll=$root/src/WebFront/bin/Release/net10.0/ActorChat.WebFront.dll

# free_port: a free loopback port below the kernel's ephemeral range (32768 and up), where outgoing connections
# cannot take it between this pick and the server's bind.
free_port() { python3 -c 'import random, socket
while True:
    port = random.randrange(12000, 32000)
    try: socket.socket().bind(("127.0.0.1", port)); print(port); break
    except OSError: pass'; }

# start NAME COMMAND...: runs a process in the background with its output in NAME.log; records its PID.
start() {
  local name=$1; shift
  "$@" >"$state/$name.log" 2>&1 &
  echo "$!" >"$state/$name.pid"
}

# ready NAME URL: until URL/readyz answers 200 (90 s at most); fails naming the process and its log.
ready() {
  for _ in $(seq 450); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$2/readyz")" = 200 ] && return 0
    running "$(cat "$state/$1.pid")" || { echo "$1 exited; see $state/$1.log" >&2; return 1; }
    sleep 0.2
  done
  echo "$1 was not ready at $2/readyz within 90 s; see $state/$1.log" >&2
  return 1
}

up() {
  if [ -e "$state/redis.pid" ]; then echo "A cluster is already up (state in $state); run: $0 down" >&2; exit 1; fi
  command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install -y redis-server)." >&2; exit 1; }
  [ -f "$silo_dll" ] && [ -f "$front_dll" ] || dotnet build src/WebFront -c Release -v quiet --nologo >/dev/null
  mkdir -p "$state"

  local redis_port; redis_port=$(free_port)
  start redis redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no
  echo "$redis_port" >"$state/redis.port"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

  export ActorChat__Cluster__Provider=Redis ActorChat__Cluster__Redis__ConnectionString=127.0.0.1:$redis_port \
    ActorChat__Storage__Provider=Redis ActorChat__Storage__Redis__ConnectionString=127.0.0.1:$redis_port \
    ActorChat__Auth__AllowAnonymous=true Logging__LogLevel__Default=Warning Logging__LogLevel__ActorChat=Information

  local urls=()
  for n in 1 2; do
    local http; http=$(free_port)
    start "silo$n" dotnet "$silo_dll" --urls "http://127.0.0.1:$http" --ActorChat:Silo:AdvertisedIP=127.0.0.1 \
      --ActorChat:Silo:SiloPort="$(free_port)" --ActorChat:Silo:GatewayPort="$(free_port)"
    urls+=("silo$n http://127.0.0.1:$http")
  done
  for n in 1 2; do
    local http; http=$(free_port)
    start "front$n" dotnet "$front_dll" --ActorChat:Role=Front --urls "http://127.0.0.1:$http"
    urls+=("front$n http://127.0.0.1:$http")
  done
  printf '%s\n' "${urls[@]}" >"$state/urls"

  for entry in "${urls[@]}"; do ready ${entry% *} ${entry#* } || { down; exit 1; }; done
  for entry in "${urls[@]}"; do
    case $entry in front*) echo "front $entry" ;; silo*) echo "silo $entry" ;; esac
  done
}

# stop NAME...: SIGTERM to each, then waits (30 s at most) until they are gone; SIGKILL for any left.
stop() {
  local pids=()
  for name in "$@"; do [ -e "$state/$name.pid" ] && pids+=("$(cat "$state/$name.pid")"); done
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 150); do
    local alive=0
    for pid in "${pids[@]}"; do running "$pid" && alive=1; done
    ((alive)) || break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do running "$pid" && kill -KILL "$pid" 2>/dev/null; done
  for _ in $(seq 25); do
    local alive=0
    for pid in "${pids[@]}"; do running "$pid" && alive=1; done
    ((alive)) || break
    sleep 0.2
  done
  for name in "$@"; do rm -f "$state/$name.pid"; done
}

# running PID: the process exists and is not a zombie waiting to be reaped.
running() { [ -e "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# Fronts first (they drain their clients), then silos (they leave the membership table in Redis), then Redis.
down() {
  [ -d "$state" ] || return 0
  stop front1 front2
  stop silo1 silo2
  stop redis
  rm -f "$state"/redis.port "$state"/urls
}

status() {
  [ -d "$state" ] || { echo "No cluster state in $state."; return 0; }
  for file in "$state"/*.pid; do
    [ -e "$file" ] || continue
    local pid; pid=$(cat "$file")
    if running "$pid"; then echo "$(basename "$file" .pid) $pid running"; else echo "$(basename "$file" .pid) $pid gone"; fi
  done
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
