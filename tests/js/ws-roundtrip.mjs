// One round trip with the `ws` package, speaking the raw WebSocket envelope and the echo route.
// Usage: node ws-roundtrip.mjs <ws-base-url> <room>. Prints one JSON line with what it saw.
import WebSocket from "ws";

const [baseUrl, room] = process.argv.slice(2);

function open(url, protocols) {
  const socket = new WebSocket(url, protocols);
  const frames = [];
  const waiters = [];
  socket.on("message", (data) => {
    const text = data.toString();
    const waiter = waiters.findIndex((w) => w.match(text));
    if (waiter >= 0) waiters.splice(waiter, 1)[0].resolve(text);
    else frames.push(text);
  });
  const next = (match) => {
    const index = frames.findIndex(match);
    if (index >= 0) return Promise.resolve(frames.splice(index, 1)[0]);
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };
  return new Promise((resolve, reject) => {
    socket.on("open", () => resolve({ socket, next }));
    socket.on("error", reject);
  });
}

const echo = await open(`${baseUrl}/test`, ["chat"]);
echo.socket.send("message");
const echoed = await echo.next(() => true);
const protocol = echo.socket.protocol;
echo.socket.close();

const chat = await open(`${baseUrl}/ws/chat?user=js-ws`);
const hello = JSON.parse(await chat.next((t) => JSON.parse(t).event === "connect"));
chat.socket.send(JSON.stringify({ event: "join", args: [{ room }], ack: 1 }));
const joinAck = JSON.parse(await chat.next((t) => JSON.parse(t).ack === 1));
console.log(JSON.stringify({ ready: true }));
const fromOther = JSON.parse(await chat.next((t) => JSON.parse(t).event === "say"));
chat.socket.send(JSON.stringify({ event: "say", args: [{ room, text: "hello from js ws" }], ack: 2 }));
const relayAck = JSON.parse(await chat.next((t) => JSON.parse(t).ack === 2));
console.log(JSON.stringify({ echoed, protocol, hello, joinAck, fromOther, relayAck }));
chat.socket.close();
