# Shared by the bench scripts (source it): build, free ports, and one ActorChat server process.

# build PROJECT...: Release builds, quietly.
build() { for project in "$@"; do dotnet build -c Release -v quiet --nologo "$project" >/dev/null; done; }

# free_port: a free loopback port below the kernel's ephemeral range (32768 and up), where outgoing connections
# cannot take it between this pick and the server's bind.
free_port() { python3 -c 'import random, socket
while True:
    port = random.randrange(12000, 32000)
    try: socket.socket().bind(("127.0.0.1", port)); print(port); break
    except OSError: pass'; }

# wait_for URL: until the URL answers at all (20 s at most).
wait_for() { for _ in $(seq 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; return 1; }

# start_actorchat PORT [configuration switches...]: a Release server on 127.0.0.1:PORT with silo ports
# PORT+1 and PORT+2, its own throwaway data folder and no dashboard; sets $server to its pid.
start_actorchat() {
  local port=$1; shift
  local data; data=$(mktemp -d /tmp/actorchat-bench-data.XXXXXX)
  dotnet src/WebFront/bin/Release/net10.0/ActorChat.WebFront.dll --urls "http://127.0.0.1:$port" \
    --ActorChat:Silo:SiloPort=$((port + 1)) --ActorChat:Silo:GatewayPort=$((port + 2)) --ActorChat:Dashboard:Enabled=false \
    --ActorChat:Storage:Embedded:DataFolder="$data" --Logging:LogLevel:Default=Warning \
    --ActorChat:Auth:AllowAnonymous=true --ActorChat:SocketIO:MaxSessionsPerAddress=1000000 "$@" \
    >/tmp/actorchat-bench-server.log 2>&1 &
  server=$!
}
