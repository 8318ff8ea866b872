// One round trip with the official JavaScript SignalR client, as a browser app would do it.
// Usage: node signalr-roundtrip.mjs <base-url> <room>. Prints one JSON line with what it saw.
import * as signalR from "@microsoft/signalr";

const [baseUrl, room] = process.argv.slice(2);
const connection = new signalR.HubConnectionBuilder()
  .withUrl(`${baseUrl}/hubs/chat?namespace=${encodeURIComponent("/chat")}&user=js-signalr`)
  .configureLogging(signalR.LogLevel.Warning)
  .build();

const connected = new Promise((resolve) => connection.on("connect", resolve));
const echoed = new Promise((resolve) => connection.on("my event", (m1, m2, m3) => resolve([m1, m2, m3])));
const heard = new Promise((resolve) => connection.on("say", (payload) => resolve(payload)));

await connection.start();
const hello = await connected;
await connection.invoke("Emit", "my event", ["msg1", "msg2", "msg3"]);
const three = await echoed;
const joinAck = await connection.invoke("EmitWithAck", "join", [{ room }]);
console.log(JSON.stringify({ ready: true }));
const fromOther = await heard;
const relayAck = await connection.invoke("EmitWithAck", "say", [{ room, text: "hello from js signalr" }]);
console.log(JSON.stringify({ hello, three, joinAck, fromOther, relayAck }));
await connection.stop();
