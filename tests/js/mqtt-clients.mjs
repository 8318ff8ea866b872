// MQTT.js over WebSocket against ActorChat's /mqtt, next to socket.io-client and a raw `ws` client in one room.
// Usage: node mqtt-clients.mjs <base-url> <room>. Prints one JSON line per check: {"check": name, ...what it saw},
// then {"done": true}. The C# test (MqttClientTests) asserts on them.
import mqtt from "mqtt";
import WebSocket from "ws";
import { io } from "socket.io-client";

const [baseUrl, room] = process.argv.slice(2);
const wsBase = baseUrl.replace(/^http/, "ws").replace(/\/$/, "");
const topic = `chat/${room}`;
const say = (object) => console.log(JSON.stringify(object));
const withTimeout = (promise, what, ms = 15000) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))]);

// A queue of what a client received, with waiting for the first item that matches.
function inbox() {
  const items = [];
  const waiters = [];
  return {
    push(item) {
      const i = waiters.findIndex((w) => w.match(item));
      if (i >= 0) waiters.splice(i, 1)[0].resolve(item);
      else items.push(item);
    },
    next(match, what) {
      const i = items.findIndex(match);
      if (i >= 0) return Promise.resolve(items.splice(i, 1)[0]);
      return withTimeout(new Promise((resolve) => waiters.push({ match, resolve })), what);
    },
  };
}

async function mqttClient(user, protocolVersion, options = {}) {
  const client = mqtt.connect(`${wsBase}/mqtt`, {
    protocolVersion, username: user, clientId: `${user}-${Math.random().toString(16).slice(2, 10)}`,
    reconnectPeriod: 0, connectTimeout: 10000, ...options,
  });
  const received = inbox();
  client.on("message", (t, payload, packet) => received.push({ topic: t, text: payload.toString("utf8"), qos: packet.qos }));
  // The server's DISCONNECT may be parsed after the socket's close is reported: wait a moment for it.
  let disconnect = null;
  client.on("disconnect", (packet) => { disconnect = { disconnectReason: packet.reasonCode, reasonString: packet.properties?.reasonString }; });
  const closed = new Promise((resolve) => client.on("close", () => setTimeout(() => resolve(disconnect ?? { closedWithoutDisconnect: true }), 1000)));
  const connack = await withTimeout(new Promise((resolve, reject) => {
    client.once("connect", resolve);
    client.once("error", reject);
  }), `${user} to connect`);
  const event = (name, where = topic) => received.next((m) => m.topic === where && JSON.parse(m.text).event === name, `${user}: ${name} on ${where}`)
    .then((m) => ({ ...JSON.parse(m.text), qos: m.qos }));
  return { client, received, closed, connack, event };
}

// The SUBACK's codes: granted QoS levels, or reason codes of 0x80 and above (MQTT.js rejects those with the packet).
const subscribe = (client, filter, qos = 1) => client.subscribeAsync(filter, { qos }).then(
  (granted) => granted.map((g) => g.qos), (error) => error.packet?.granted ?? [error.message]);
const publish = (client, where, payload, qos = 1, opts = {}) =>
  client.publishAsync(where, payload, { qos, ...opts }).then((packet) => ({ ok: true, reasonCode: packet?.reasonCode ?? 0 }),
    (error) => ({ ok: false, reasonCode: error.code, message: error.message }));

async function socketIo(user) {
  const socket = io(`${baseUrl.replace(/\/$/, "")}/chat`, { forceNew: true, reconnection: false, transports: ["websocket"], query: { user } });
  const received = inbox();
  socket.onAny((name, ...args) => received.push({ name, args }));
  await withTimeout(new Promise((resolve, reject) => { socket.on("connect", resolve); socket.on("connect_error", reject); }), "socket.io connect");
  await withTimeout(socket.emitWithAck("join", { room }), "socket.io join");
  return { socket, event: (name, match = () => true) => received.next((e) => e.name === name && match(e.args[0]), `socket.io ${name}`) };
}

async function rawWs(user) {
  const socket = new WebSocket(`${wsBase}/ws/chat?user=${user}`);
  const received = inbox();
  socket.on("message", (data) => received.push(JSON.parse(data.toString())));
  await withTimeout(new Promise((resolve, reject) => { socket.on("open", resolve); socket.on("error", reject); }), "ws open");
  socket.send(JSON.stringify({ event: "join", args: [{ room }], ack: 1 }));
  await received.next((f) => f.ack === 1, "ws join ack");
  return { socket, event: (name, match = () => true) => received.next((f) => f.event === name && match(f.args[0]), `ws ${name}`) };
}

try {
  // MQTT 5 subscriber: the connect event on its own topic, then SUBSCRIBE joins the room.
  const five = await mqttClient("mqtt5-user", 5);
  const hello = await five.event("connect", "chat");
  const granted = await subscribe(five.client, topic, 1);
  const entered = await five.event("message");
  say({ check: "mqtt5-connected", connack: five.connack.properties ?? {}, hello, granted, entered });

  const sio = await socketIo("sio-user");
  const ws = await rawWs("ws-user");

  // MQTT → socket.io and ws.
  const puback = await publish(five.client, topic, "hello from mqtt5");
  const sioHeard = await sio.event("chat message", (a) => a?.text === "hello from mqtt5");
  const wsHeard = await ws.event("chat message", (a) => a?.text === "hello from mqtt5");
  const echo = await five.event("chat message");
  say({ check: "mqtt-to-others", puback, sioHeard: sioHeard.args[0], wsHeard: wsHeard.args[0], echo });

  // socket.io and ws → MQTT.
  sio.socket.emit("chat message", { room, text: "hello from socket.io" });
  const fromSio = await five.event("chat message");
  ws.socket.send(JSON.stringify({ event: "chat message", args: [{ room, text: "hello from ws" }] }));
  const fromWs = await five.event("chat message");
  say({ check: "others-to-mqtt", fromSio, fromWs });

  // MQTT 3.1.1, the same both ways.
  const four = await mqttClient("mqtt311-user", 4);
  const granted311 = await subscribe(four.client, topic, 1);
  await publish(four.client, topic, "hello from mqtt 3.1.1");
  const sioHeard311 = await sio.event("chat message", (a) => a?.text === "hello from mqtt 3.1.1");
  sio.socket.emit("chat message", { room, text: "to everyone" });
  const heard311 = await four.received.next((m) => m.topic === topic && JSON.parse(m.text).args[0]?.text === "to everyone", "3.1.1 hears socket.io");
  say({ check: "mqtt311", granted: granted311, sioHeard: sioHeard311.args[0], heard: JSON.parse(heard311.text), qos: heard311.qos });

  // What is not supported is refused with MQTT's reason codes, and the connections stay.
  const refusals5 = {
    wildcardPlus: await subscribe(five.client, "chat/+"),
    wildcardHash: await subscribe(five.client, "chat/#"),
    shared: await subscribe(five.client, `$share/group/${topic}`),
    otherNamespace: await subscribe(five.client, "other/room1"),
    qos2: await subscribe(five.client, `chat/${room}-qos2`, 2),
  };
  const refusals311 = { wildcard: await subscribe(four.client, "chat/+"), otherNamespace: await subscribe(four.client, "other/room1") };
  say({ check: "refused-subscriptions", v5: refusals5, v311: refusals311, connack311: four.connack.returnCode ?? 0 });

  // A payload that is not UTF-8: PUBACK 0x99 and an error event; the connection and the room carry on.
  const badPuback = await publish(five.client, topic, Buffer.from([0xff, 0xfe, 0x41]));
  const badError = await five.event("error", "chat");
  const ownTopicPuback = await publish(five.client, "chat", "to my own topic");
  const ownTopicError = await five.event("error", "chat");
  await publish(five.client, topic, "still here");
  const stillHeard = await sio.event("chat message", (a) => a?.text === "still here");
  say({ check: "bad-payload", puback: badPuback, error: badError, ownTopicPuback, ownTopicError, stillHeard: stillHeard.args[0] });

  // UNSUBSCRIBE leaves the room: the others see the MQTT 5 user's presence go.
  const unsubscribed = await five.client.unsubscribeAsync(topic);
  const left = await sio.event("presence", (a) => a?.user === "mqtt5-user" && a?.status === "left");
  say({ check: "unsubscribe", unsubscribed: unsubscribed?.reasonCode ?? unsubscribed?.granted ?? null, left: left.args[0] });

  // Retained and QoS 2 publishes end the connection with MQTT 5's reason codes, after an error event.
  const retainer = await mqttClient("mqtt5-retain", 5);
  retainer.client.publish(topic, "keep me", { qos: 0, retain: true });
  const retainError = await retainer.event("error", "chat");
  const retainClosed = await withTimeout(retainer.closed, "retain disconnect");
  const qos2 = await mqttClient("mqtt5-qos2", 5);
  qos2.client.publish(topic, "exactly once", { qos: 2 }, () => {});
  const qos2Error = await qos2.event("error", "chat").catch((e) => ({ none: e.message }));
  const qos2Closed = await withTimeout(qos2.closed, "qos 2 disconnect");
  // MQTT 3.1.1 has no DISCONNECT from the server: the error event, then the connection closes.
  const retainer311 = await mqttClient("mqtt311-retain", 4);
  retainer311.client.publish(topic, "keep me", { qos: 1, retain: true }, () => {});
  const retain311Error = await retainer311.event("error", "chat");
  const retain311Closed = await withTimeout(retainer311.closed, "3.1.1 retain close");
  say({ check: "unsupported-publishes", retainError, retainClosed, qos2Error, qos2Closed, retain311Error, retain311Closed });

  for (const c of [five, four]) c.client.end(true);
  sio.socket.disconnect();
  ws.socket.close();
  say({ done: true });
  process.exit(0);
} catch (error) {
  say({ failed: error.message, stack: error.stack });
  process.exit(1);
}
