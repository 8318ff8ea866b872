// The npm graphql-ws client, unchanged, driven by the .NET tests over stdin and stdout.
// Usage: node graphql-ws-client.mjs <ws-url> [options-json]
//   options: {"fixedId": "x"}            every operation uses the id "x" (as a client with a broken id generator would)
//            {"holdInit": true}          connectionParams never resolve, so connection_init is never sent
//            {"connectionParams": {...}} sent in connection_init
// Prints one JSON line per thing that happens: {"event": "connected"}, {"event": "closed", "code", "reason"},
// and per operation {"name", "next": payload}, {"name", "error": [...] or {"closed": code}}, {"name", "complete": true}.
// Reads one JSON command per line: {"subscribe": "<name>", "query", "variables"?, "operationName"?} or {"complete": "<name>"}.
import readline from "node:readline";
import WebSocket from "ws";
import { createClient } from "graphql-ws";

const [url, optionsJson] = process.argv.slice(2);
const options = optionsJson ? JSON.parse(optionsJson) : {};
const say = (object) => console.log(JSON.stringify(object));

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  ...(options.fixedId ? { generateID: () => options.fixedId } : {}),
  connectionParams: options.holdInit ? () => new Promise(() => {}) : options.connectionParams,
  on: {
    connected: () => say({ event: "connected" }),
    closed: (event) => say({ event: "closed", code: event.code, reason: event.reason }),
  },
  onNonLazyError: () => {},
});

const running = new Map();
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  if (command.subscribe) {
    const name = command.subscribe;
    const payload = { query: command.query, variables: command.variables, operationName: command.operationName };
    running.set(name, client.subscribe(payload, {
      next: (value) => say({ name, next: value }),
      error: (error) => say({ name, error: Array.isArray(error) ? error : { closed: error?.code ?? String(error) } }),
      complete: () => say({ name, complete: true }),
    }));
  } else if (command.complete) {
    running.get(command.complete)?.();
    say({ name: command.complete, completedByClient: true });
  }
}).on("close", async () => {
  await client.dispose();
  process.exit(0);
});
