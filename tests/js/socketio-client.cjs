// A socket.io-client the .NET tests drive over stdin/stdout.
// Usage: node socketio-client.cjs <baseUrl> <namespace> <default|websocket|polling> [user]
// Prints "CONNECTED <sid>", then "EVENT <json>" for every event ([name, ...args]; bytes as {"$bytes": [..]}),
// "ACK <id> <json>" for answers to its own emits, "RECOVERED <true|false>" after each connect (socket.recovered).
// Reads one JSON command per line from stdin:
//   {"emit": "name", "args": [...], "id": 1}   emit (with an ack when id is given); {"$bytes": [..]} becomes a Buffer
//   {"reconnect": "http://host:port"}          connect again, to that server (as a load balancer would send it elsewhere)
// An event whose last argument is an ack callback is answered with ["answer", ...args], or not at all
// when its first argument is "no-answer".
const { io } = require("socket.io-client");
const readline = require("readline");

const [, , baseUrl, ns, mode, user] = process.argv;
const transports = mode === "websocket" ? ["websocket"] : mode === "polling" ? ["polling"] : ["polling", "websocket"];
const socket = io(baseUrl.replace(/\/$/, "") + ns, { forceNew: true, reconnection: false, transports, query: user ? { user } : {} });

const toJson = (value) => JSON.stringify(value, (key, v) =>
  v && v.type === "Buffer" && Array.isArray(v.data) ? { $bytes: v.data } :
  v instanceof ArrayBuffer ? { $bytes: [...new Uint8Array(v)] } : v);
const fromJson = (value) => JSON.parse(JSON.stringify(value), (key, v) => v && Array.isArray(v.$bytes) ? Buffer.from(v.$bytes) : v);

socket.on("connect", () => {
  console.log(`CONNECTED ${socket.id}`);
  console.log(`RECOVERED ${socket.recovered === true}`);
});
socket.on("connect_error", (err) => { console.log(`CONNECT_ERROR ${err.message}`); process.exit(1); });
socket.on("disconnect", (reason) => console.log(`DISCONNECTED ${reason}`));
socket.onAny((event, ...args) => {
  const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
  console.log(`EVENT ${toJson([event, ...args])}`);
  if (ack && args[0] !== "no-answer") ack("answer", ...args);
});

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  if (command.reconnect) {
    socket.io.uri = command.reconnect;
    socket.connect();
    return;
  }
  const args = fromJson(command.args || []);
  if (command.id === undefined) socket.emit(command.emit, ...args);
  else socket.emit(command.emit, ...args, (...answer) => console.log(`ACK ${command.id} ${toJson(answer)}`));
}).on("close", () => { socket.disconnect(); setTimeout(() => process.exit(0), 50); });
