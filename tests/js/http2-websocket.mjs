// WebSockets over HTTP/2 (RFC 8441) with node's own http2 module: an extended CONNECT per socket, then
// WebSocket frames on the stream. Works for h2c (http://, prior knowledge) and h2 over TLS (https://).
// Usage: node http2-websocket.mjs <base-url>. Prints one JSON line with what /test and /ws/chat answered.
import http2 from "node:http2";
import { randomBytes } from "node:crypto";

const [baseUrl] = process.argv.slice(2);
const session = http2.connect(baseUrl, { rejectUnauthorized: false });
session.on("error", (error) => fail(error));
const fail = (error) => {
  console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
  process.exit(1);
};
setTimeout(() => fail(new Error("timed out")), 30000).unref();

// The server must announce SETTINGS_ENABLE_CONNECT_PROTOCOL before a client may send :protocol.
const settings = await new Promise((resolve) => session.once("remoteSettings", resolve));

function open(path, protocols) {
  const headers = { ":method": "CONNECT", ":protocol": "websocket", ":path": path, ":scheme": new URL(baseUrl).protocol.slice(0, -1), "sec-websocket-version": "13" };
  if (protocols) headers["sec-websocket-protocol"] = protocols;
  const stream = session.request(headers, { endStream: false });
  const messages = [];
  const waiters = [];
  let pending = Buffer.alloc(0);
  stream.on("data", (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (let frame; (frame = readFrame()); ) {
      if (frame.opcode !== 1) continue;
      const text = frame.payload.toString("utf8");
      const waiter = waiters.shift();
      if (waiter) waiter(text);
      else messages.push(text);
    }
  });
  // Server frames are unmasked: FIN/opcode, length (7, 16 or 64 bits), payload.
  function readFrame() {
    if (pending.length < 2) return null;
    const opcode = pending[0] & 0x0f;
    let length = pending[1] & 0x7f;
    let offset = 2;
    if (length === 126) { if (pending.length < 4) return null; length = pending.readUInt16BE(2); offset = 4; }
    else if (length === 127) { if (pending.length < 10) return null; length = Number(pending.readBigUInt64BE(2)); offset = 10; }
    if (pending.length < offset + length) return null;
    const payload = pending.subarray(offset, offset + length);
    pending = pending.subarray(offset + length);
    return { opcode, payload };
  }
  const next = () => (messages.length ? Promise.resolve(messages.shift()) : new Promise((resolve) => waiters.push(resolve)));
  // Client frames are masked (RFC 6455 §5.3).
  const send = (text) => {
    const payload = Buffer.from(text, "utf8");
    const mask = randomBytes(4);
    const header = payload.length < 126 ? Buffer.from([0x81, 0x80 | payload.length]) : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
    stream.write(Buffer.concat([header, mask, masked]));
  };
  const response = new Promise((resolve) => stream.once("response", resolve));
  return { response, next, send, close: () => stream.close() };
}

const echo = open("/test", "chat");
const echoHeaders = await echo.response;
echo.send("message");
const echoed = await echo.next();
echo.close();

const chat = open("/ws/chat?user=h2-client");
const chatHeaders = await chat.response;
const connect = JSON.parse(await chat.next());
// A room of its own: a socket that ends without a close frame stays in its rooms for the presence grace.
chat.send(JSON.stringify({ event: "join", args: [{ room: `h2-room-${randomBytes(4).toString("hex")}` }], ack: 1 }));
let ack;
while (!ack) {
  const frame = JSON.parse(await chat.next());
  if (frame.ack === 1) ack = frame;
}
chat.close();

console.log(JSON.stringify({
  enableConnectProtocol: settings.enableConnectProtocol === true,
  alpn: session.alpnProtocol ?? null,
  echo: { status: echoHeaders[":status"], protocol: echoHeaders["sec-websocket-protocol"] ?? null, echoed },
  chat: { status: chatHeaders[":status"], connect, ack },
}));
session.close();
