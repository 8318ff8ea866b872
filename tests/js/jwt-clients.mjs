// Real JavaScript clients against an ActorChat server in JWT mode, with tokens signed here by jsonwebtoken.
// Usage: node jwt-clients.mjs <baseUrl> <signingKey> <issuer> <audience>
// For each transport (socket.io-client auth, @microsoft/signalr accessTokenFactory, ws with an Authorization
// header, ws with access_token) and each token (valid, missing, forged, expired, wrong-audience), prints one
// JSON line {transport, token, admitted, user?, code?, status?, message?}; then checks that an expiring token
// closes each transport and prints {transport, token: "expiring", closed, code?, reason?}. Ends with {done: true}.
import jwt from "jsonwebtoken";
import { io } from "socket.io-client";
import * as signalR from "@microsoft/signalr";
import WebSocket from "ws";

const [, , baseUrl, key, issuer, audience] = process.argv;
const wsBase = baseUrl.replace(/^http/, "ws").replace(/\/$/, "");
const sign = (sub, options = {}, secret = key) =>
  jwt.sign({ sub, name: `JS ${sub}` }, secret, { issuer, audience, expiresIn: "1h", algorithm: "HS256", ...options });
const tokens = {
  valid: () => sign("js-user"),
  missing: () => undefined,
  forged: () => sign("js-user", {}, "a-key-the-server-never-saw-0123456789"),
  expired: () => jwt.sign({ sub: "js-user", exp: Math.floor(Date.now() / 1000) - 60 }, key, { issuer, audience, algorithm: "HS256" }),
  "wrong-audience": () => sign("js-user", { audience: "another-service" }),
};
const print = (line) => console.log(JSON.stringify(line));
const withTimeout = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout: ${what}`)), ms))]);

async function socketIo(token) {
  const socket = io(`${baseUrl.replace(/\/$/, "")}/chat`, { forceNew: true, reconnection: false, transports: ["websocket"], auth: token ? { token } : {} });
  try {
    return await withTimeout(new Promise((resolve) => {
      // Presence shows connection ids only to their owner: seeing our own id proves who we were admitted as.
      socket.on("connect", () => socket.emit("presence", { user: "js-user" }, (answer) =>
        resolve({ admitted: true, user: answer.connections.some((c) => c.sid === socket.id) ? "js-user" : "someone else", socket })));
      socket.on("connect_error", (err) => resolve({ admitted: false, code: err.data?.code, message: err.message }));
    }), 10000, "socket.io");
  } finally { socket.off("connect_error"); }
}

async function signalr(token) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl.replace(/\/$/, "")}/hubs/chat?namespace=${encodeURIComponent("/chat")}`, token ? { accessTokenFactory: () => token } : {})
    .configureLogging(signalR.LogLevel.None).build();
  const connected = new Promise((resolve) => connection.on("connect", (info) => resolve(info)));
  try {
    await connection.start();
    const info = await withTimeout(connected, 10000, "signalr connect");
    return { admitted: true, user: info.user, connection };
  } catch (err) {
    // The browser client reports a failed negotiate as a message with the status and the body in it.
    const message = String(err.message);
    return { admitted: false, status: err.statusCode ?? Number(/Status code '(\d+)'/.exec(message)?.[1]), code: /"code":"([a-z_]+)"/.exec(message)?.[1], message };
  }
}

function ws(url, headers) {
  return withTimeout(new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on("message", (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.event === "connect") resolve({ admitted: true, user: frame.args[0].user, socket });
    });
    socket.on("unexpected-response", (req, res) => {
      let body = "";
      res.on("data", (chunk) => body += chunk);
      res.on("end", () => resolve({ admitted: false, status: res.statusCode, code: JSON.parse(body).code }));
    });
    socket.on("error", (err) => resolve({ admitted: false, message: err.message }));
  }), 10000, "ws");
}

const transports = {
  "socket.io": socketIo,
  signalr,
  "ws-header": (token) => ws(`${wsBase}/ws/chat`, token ? { Authorization: `Bearer ${token}` } : {}),
  "ws-query": (token) => ws(`${wsBase}/ws/chat${token ? `?access_token=${token}` : ""}`, {}),
};

const close = async (result) => {
  result.socket?.close?.();
  result.socket?.disconnect?.();
  await result.connection?.stop?.();
};

for (const [transport, connect] of Object.entries(transports)) {
  for (const [name, make] of Object.entries(tokens)) {
    const result = await connect(make());
    print({ transport, token: name, admitted: result.admitted, user: result.user, code: result.code, status: result.status, message: result.message });
    await close(result);
  }
}

// Expiry: a token good for 3 seconds; each transport must be closed with a reason the client can act on.
const expiring = () => sign("js-expiring", { expiresIn: 3 });
{
  const result = await socketIo(expiring());
  const closed = await withTimeout(new Promise((resolve) => {
    let code;
    result.socket.on("error", (e) => { code = e.code; });
    result.socket.on("disconnect", (reason) => resolve({ closed: true, code, reason }));
  }), 15000, "socket.io expiry").catch((e) => ({ closed: false, reason: e.message }));
  print({ transport: "socket.io", token: "expiring", ...closed });
}
{
  const result = await signalr(expiring());
  const closed = await withTimeout(new Promise((resolve) => {
    let code;
    result.connection.on("error", (e) => { code = e.code; });
    result.connection.onclose((err) => resolve({ closed: true, code, reason: err?.message }));
  }), 15000, "signalr expiry").catch((e) => ({ closed: false, reason: e.message }));
  print({ transport: "signalr", token: "expiring", ...closed });
}
for (const transport of ["ws-header", "ws-query"]) {
  const result = await transports[transport](expiring());
  const closed = await withTimeout(new Promise((resolve) => {
    let code;
    result.socket.on("message", (data) => { const f = JSON.parse(data.toString()); if (f.event === "error") code = f.args[0].code; });
    result.socket.on("close", (status, reason) => resolve({ closed: true, code, status, reason: reason.toString() }));
  }), 15000, `${transport} expiry`).catch((e) => ({ closed: false, reason: e.message }));
  print({ transport, token: "expiring", ...closed });
}
print({ done: true });
process.exit(0);
