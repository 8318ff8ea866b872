// A socket.io-client driven over stdin and stdout with JSON lines (for tests that read JSON lines).
// Usage: node socketio-json-client.mjs <base-url> <namespace> [user]
// Prints {"connected": sid}, then {"on": event, "args": [...]} for every event and {"ack": id, "args": [...]} for
// answers to its own emits. Reads {"emit": event, "args": [...], "id"?} per line (an ack is asked for when id is given).
import readline from "node:readline";
import { io } from "socket.io-client";

const [baseUrl, ns, user] = process.argv.slice(2);
const say = (object) => console.log(JSON.stringify(object));
const socket = io(baseUrl.replace(/\/$/, "") + ns, { forceNew: true, reconnection: false, transports: ["websocket"], query: user ? { user } : {} });

socket.on("connect", () => say({ connected: socket.id }));
socket.on("connect_error", (error) => { say({ connectError: error.message }); process.exit(1); });
socket.onAny((event, ...args) => say({ on: event, args }));

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  if (command.id === undefined) socket.emit(command.emit, ...(command.args ?? []));
  else socket.emit(command.emit, ...(command.args ?? []), (...answer) => say({ ack: command.id, args: answer }));
}).on("close", () => { socket.disconnect(); setTimeout(() => process.exit(0), 50); });
