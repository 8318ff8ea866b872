// Reconnecting with @microsoft/signalr as docs/protocol.md ("Reconnecting", SignalR) tells a user to. Alice's
// connection goes through a TCP relay (tcp-blip.mjs) that plays the blip: every socket reset, and reconnects held until
// the network is back. The script plays the scenario and prints one JSON line of what each client saw; the test
// (JavaScriptRecoveryTests) judges it.
// Usage: node recovery-signalr.mjs <base-url> stateful <room>     withStatefulReconnect(): the same connection goes on
//        node recovery-signalr.mjs <base-url> resume <room>       withAutomaticReconnect(): a new connection calls Resume
//        node recovery-signalr.mjs <base-url> abandoned <room>    withStatefulReconnect(), and the network never comes back
//        node recovery-signalr.mjs <base-url> foreign <room> <unknown|malformed|others>
import * as signalR from "@microsoft/signalr";
import WebSocket from "ws";
import { blipRelay } from "./tcp-blip.mjs";
import { Received, TIMEOUT, sleep } from "./received.mjs";

const [baseUrl, scenario, room, kind] = process.argv.slice(2);
// The presence grace is 5 s: a bug that announced `left` after it would show up within this long of the drop.
const PAST_GRACE = 6500;
const EVENTS = ["connect", "presence", "message", "chat", "error"];

/**
 * `ws` that emits each message in its own turn of the event loop, as browsers do. @microsoft/signalr 10.0.11 sets up
 * its stateful-reconnect buffer in the continuation after the handshake; with `ws`'s synchronous events (its default
 * since 8.17) a server message read in the same chunk as the handshake answer (the `connect` event) is handled before
 * that and not counted, and after a stateful reconnect the client then gets the last message before the blip twice.
 * A client bug in node only (docs/protocol.md says so); the stateful-reconnect clients here use this to avoid it.
 */
class OneMessagePerTurn extends WebSocket {
  constructor(url, protocols, options) {
    super(url, protocols, { ...options, allowSynchronousEvents: false });
  }
}

/** Builds a client with stateful reconnect, as a node user should (see OneMessagePerTurn). */
const stateful = { configure: (b) => b.withStatefulReconnect(), WebSocket: OneMessagePerTurn };

/** A hub connection of namespace /chat that keeps every event it got (and any warning of its client's log). */
class ChatClient {
  constructor(user, serverUrl, { configure = (b) => b, WebSocket } = {}) {
    this.user = user;
    this.received = new Received(user);
    this.calls = this.received.items;
    this.warnings = [];
    const warnings = this.warnings;
    const builder = new signalR.HubConnectionBuilder()
      .withUrl(`${serverUrl}/hubs/chat?namespace=${encodeURIComponent("/chat")}&user=${user}`, { transport: signalR.HttpTransportType.WebSockets, WebSocket })
      .configureLogging({ log: (level, message) => level >= signalR.LogLevel.Warning && warnings.push(message) });
    this.connection = configure(builder).build();
    for (const event of EVENTS) {
      this.connection.on(event, (...args) => {
        this.received.add({ event, args });
      });
    }
  }

  static async open(user, serverUrl, options) {
    const client = new ChatClient(user, serverUrl, options);
    await client.connection.start();
    client.session = (await client.next((c) => c.event === "connect", "connect")).args[0].session;
    return client;
  }

  /** The first event (from the start) that matches, waiting for it if need be. */
  next(match, what = "an event") {
    return this.received.next(match, what);
  }

  call(event, arg) {
    return this.connection.invoke("EmitWithAck", event, [arg]);
  }

  async members() {
    const [answer] = await this.call("presence", { room });
    return answer.users;
  }

  say(text) {
    return this.call("chat", { room, text });
  }

  /** What it heard, compactly: a room message as its text, anything else as its event name. */
  heard(from = 0) {
    return this.calls.slice(from).map((c) => (c.event === "chat" ? c.args[0].text : c.event === "message" ? `message: ${c.args[0]}` : c.event));
  }

  /** The presence announcements about <user> this client heard from event number <from> on. */
  announced(user, from) {
    return this.calls.slice(from).filter((c) => c.event === "presence" && c.args[0].user === user).map((c) => c.args[0].status);
  }
}

const said = (text) => (c) => c.event === "message" && c.args[0] === text;
const chat = (text) => (c) => c.event === "chat" && c.args[0].text === text;
const within = (promise, what) =>
  Promise.race([promise, sleep(TIMEOUT).then(() => Promise.reject(new Error(`no ${what} within ${TIMEOUT} ms`)))]);

/** Until the front has seen <user>'s connections go: what it handed them before that counts as delivered. */
async function untilOffline(user, timeout = TIMEOUT) {
  for (const until = Date.now() + timeout; Date.now() < until; await sleep(50)) {
    const answer = await (await fetch(`${baseUrl}/api/users/${user}`)).json();
    if (answer.connections.length === 0) return;
  }
  throw new Error(`the front still lists ${user}'s connection ${timeout} ms later`);
}

/**
 * Alice (through the relay), Bob and Carol in the room; the blip cuts Alice's sockets and holds her reconnect while
 * Bob sends ten messages and Carol asks who is in the room; then the network comes back, and Bob sends one more.
 * <beforeSending> runs right after the cut; <afterHeal> waits for what the client does once it is back (a Resume call).
 */
async function blip(report, relay, alice, { beforeSending = async () => {}, afterHeal = async () => {} } = {}) {
  const bob = await ChatClient.open("sr-bob", baseUrl);
  const carol = await ChatClient.open("sr-carol", baseUrl);
  for (const client of [alice, bob, carol]) await client.call("join", { room });
  for (const client of [alice, bob]) await client.next(said("sr-carol has entered the room."), "Carol's arrival");
  const watchFrom = { alice: alice.calls.length, bob: bob.calls.length, carol: carol.calls.length };

  relay.cut();
  const droppedAt = Date.now();
  await beforeSending();
  for (let i = 1; i <= 10; i++) await bob.say(`m${i}`);
  report.membersDuringOutage = await carol.members();
  // Nothing can have reached Alice yet: what she hears later was kept for her.
  report.heardDuringOutage = alice.heard(watchFrom.alice);
  relay.heal();
  await afterHeal();
  await alice.next(chat("m10"), "the tenth message");
  await bob.say("new");
  await alice.next(chat("new"), "the new message");
  await sleep(Math.max(0, droppedAt + PAST_GRACE - Date.now()));

  report.membersAfter = await carol.members();
  report.heard = alice.heard(watchFrom.alice);
  report.announced = { bob: bob.announced("sr-alice", watchFrom.bob), carol: carol.announced("sr-alice", watchFrom.carol) };
  report.relayedConnections = relay.accepted;
  report.warnings = alice.warnings;
}

const scenarios = {
  async stateful(report, relay) {
    const alice = await ChatClient.open("sr-alice", relay.url, stateful);
    const id = alice.connection.connectionId;
    let closed = null;
    alice.connection.onclose((error) => (closed = String(error)));
    await blip(report, relay, alice);
    report.sameConnection = alice.connection.connectionId === id;
    report.state = alice.connection.state;
    report.closed = closed;
    // A connection that came back over a new socket still ends as any other: the front stops listing it.
    await alice.connection.stop();
    await untilOffline("sr-alice");
    report.goneAfterStop = true;
  },

  // A client with stateful reconnect whose network never comes back: once the front gives up waiting for its socket
  // (SignalR keeps the connection for a while), the connection ends as any dropped one, and after the presence grace
  // the room hears it left.
  async abandoned(report, relay) {
    const alice = await ChatClient.open("sr-alice", relay.url, stateful);
    const bob = await ChatClient.open("sr-bob", baseUrl);
    for (const client of [alice, bob]) await client.call("join", { room });
    await alice.next(said("sr-bob has entered the room."), "Bob's arrival");
    const watchFrom = bob.calls.length;
    relay.cut();
    const cutAt = Date.now();
    await untilOffline("sr-alice", 60000);
    report.offlineAfterMs = Date.now() - cutAt;
    await bob.next((c) => c.event === "presence" && c.args[0].user === "sr-alice" && c.args[0].status === "left", "Alice's leaving");
    report.announced = bob.announced("sr-alice", watchFrom);
    report.membersAfter = await bob.members();
  },

  // The docs' client: the first connection's session is the one to resume, the answer of Resume says what came back.
  async resume(report, relay) {
    let session, latest, reconnected;
    const answered = new Promise((resolve, reject) => (reconnected = { resolve, reject }));
    const alice = new ChatClient("sr-alice", relay.url, { configure: (b) => b.withAutomaticReconnect() });
    alice.connection.on("connect", (info) => { latest = info.session; session ??= latest; });
    alice.connection.on("error", (e) => { if (e.code === "session_unknown") session = latest; });
    alice.connection.onreconnected(async () => {
      try {
        reconnected.resolve(await alice.connection.invoke("Resume", session, {}));
      } catch (error) {
        reconnected.reject(error);
      }
    });
    await alice.connection.start();
    await alice.next((c) => c.event === "connect", "connect");
    const id = alice.connection.connectionId;
    await blip(report, relay, alice, {
      // Resume({}) starts from what the front handed the old connection: messages sent before the front saw the
      // cut went to a dead socket and count as delivered (docs/protocol.md says so). Send once it has seen it.
      beforeSending: () => untilOffline("sr-alice"),
      afterHeal: async () => (report.answer = await within(answered, "answer of Resume")),
    });
    report.newConnection = alice.connection.connectionId !== id;
    report.sessions = alice.calls.filter((c) => c.event === "connect").map((c) => c.args[0].session);
  },

  // Eve calls Resume with a token that is not hers (unknown, malformed, or the owner's, whose connection the network cut):
  // she must get an error, learn nothing of the owner's room, and keep a connection like any other.
  async foreign(report, relay) {
    const owner = await ChatClient.open("sr-owner", relay.url);
    await owner.call("join", { room });
    await owner.next(said("sr-owner has entered the room."));
    const ownerClosed = new Promise((resolve) => owner.connection.onclose(resolve));
    relay.cut();
    await within(ownerClosed, "close of the owner's connection");
    const token = { unknown: "AAAAAAAAAAAAAAAAAAAAAA", malformed: "not a token!", others: owner.session }[kind];

    const eve = await ChatClient.open("sr-eve", baseUrl);
    report.answer = await eve.connection.invoke("Resume", token, {});
    await eve.next((c) => c.event === "error", "error");
    const own = `${room}-eve`;
    await eve.call("join", { room: own });
    await eve.next(said("sr-eve has entered the room."), "her own join");
    await sleep(300);
    report.errors = eve.calls.filter((c) => c.event === "error").map((c) => c.args[0].code);
    report.heard = eve.heard();
    report.everything = JSON.stringify(eve.calls);
    await eve.connection.stop();

    // The owner's session is still the owner's.
    const back = await ChatClient.open("sr-owner", baseUrl);
    report.ownerAnswer = await back.connection.invoke("Resume", owner.session, {});
    await back.connection.stop();
  },
};

const report = { scenario };
const relay = await blipRelay(baseUrl);
try {
  await scenarios[scenario](report, relay);
} catch (error) {
  report.failure = String(error?.stack ?? error);
}
console.log(JSON.stringify(report));
process.exit(0);
