// Socket.IO connection state recovery with the real socket.io-client 4.8 and its default options.
// Usage: node socketio-recovery.cjs <baseUrl> <scenario> <default|websocket>
// Prints "PASS <scenario>" and exits 0, or "FAIL <scenario>: <reason>" and exits 1.
// The server must keep a room history of 20 messages (ActorChat:Recovery:HistoryLength=20).
const { kit } = require("./socketio-kit.cjs");

const [, , baseUrl, scenario, transportMode] = process.argv;
const TIMEOUT = 15000;
const kitted = kit({ baseUrl, transportMode, timeout: TIMEOUT });
const { next, equal, run, rand } = kitted;

/** A client of /chat as `user`, with socket.io-client's default reconnection unless `options` say otherwise. */
const connect = (user, options = {}) => kitted.connect("/chat", { reconnection: true, query: { user }, ...options });

function check(condition, what) {
  if (!condition) throw new Error(what);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Texts of the room's 'chat message' events a socket receives, in order. */
function inbox(socket) {
  const texts = [];
  socket.on("chat message", (message) => texts.push(message.text));
  return texts;
}

async function say(sender, room, text) {
  const [ack] = [await sender.emitWithAck("chat message", { room, text })];
  check(ack && ack.ok === true, `'${text}' was not accepted: ${JSON.stringify(ack)}`);
}

async function until(what, condition) {
  const deadline = Date.now() + TIMEOUT;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function members(observer, room) {
  const answer = await observer.emitWithAck("presence", { room });
  return answer.users.map((u) => u.user).sort();
}

/** Drops the client's transport the way a network does, and waits until the client noticed. */
async function drop(socket) {
  const gone = next(socket, "disconnect");
  socket.io.engine.close();
  await gone;
}

const scenarios = {
  // The case: 10 room messages while the client is away; the client reconnects by itself.
  async recover() {
    const room = "csr-" + rand();
    const alice = await connect("alice-" + rand());
    const bob = await connect("bob", { reconnection: false });
    const carol = await connect("carol", { reconnection: false });
    for (const s of [alice, bob, carol]) await s.emitWithAck("join", { room });
    const got = inbox(alice);
    await say(bob, room, "m0");
    await until("m0", () => got.includes("m0"));
    check(alice.recovered === false, "a first connection is not recovered");

    const announced = [];
    for (const s of [bob, carol]) s.on("presence", (p) => { if (p.user === alice.io.opts.query.user) announced.push(p.status); });
    const back = new Promise((resolve) => alice.once("disconnect", () => alice.once("connect", resolve)));
    await drop(alice);
    const sent = [];
    for (let i = 1; i <= 10; i++) { sent.push("m" + i); await say(bob, room, "m" + i); }
    const during = await members(carol, room);
    check(during.includes(alice.io.opts.query.user), `the room lists the dropped user meanwhile: ${JSON.stringify(during)}`);

    await back;
    check(alice.recovered === true, "socket.recovered is true after the reconnect");
    await say(bob, room, "after");
    await until("'after'", () => got.includes("after"));
    await sleep(300);
    equal(got, ["m0", ...sent, "after"], "what alice got, in order, once each");
    equal(announced, [], "presence announcements about alice");
    check((await members(carol, room)).includes(alice.io.opts.query.user), "the room lists alice after the reconnect");
  },

  // More missed than the history keeps: recovered is false, the rooms are back anyway, and the next drop recovers.
  async gap() {
    const room = "gap-" + rand();
    const alice = await connect("alice-" + rand(), { reconnection: false });
    const bob = await connect("bob", { reconnection: false });
    for (const s of [alice, bob]) await s.emitWithAck("join", { room });
    const got = inbox(alice);
    await say(bob, room, "m0");
    await until("m0", () => got.includes("m0"));
    const firstPid = alice._pid;
    check(typeof firstPid === "string" && firstPid.length > 0, "the CONNECT reply carries a pid");

    await drop(alice);
    for (let i = 1; i <= 25; i++) await say(bob, room, "m" + i);
    alice.connect();
    await next(alice, "connect");
    check(alice.recovered === false, "a reconnect past the room's history is not recovered");
    check(alice._pid !== firstPid, "an incomplete recovery gets a new pid");
    await say(bob, room, "after");
    await until("'after'", () => got.includes("after"));
    const history = await alice.emitWithAck("history", { room });
    check(history.messages.length === 20, `the member reads the history again: ${history.messages.length} messages`);

    await drop(alice);
    await say(bob, room, "again");
    alice.connect();
    await next(alice, "connect");
    check(alice.recovered === true, "the new pid recovers the next drop");
    await until("'again'", () => got.includes("again"));
    equal(got.filter((t) => t === "again" || t === "after"), ["after", "again"], "each message once");
  },

  // A pid that is not the client's own: a fresh session, nothing of the other user's rooms, a usable connection.
  async foreign_pid() {
    const room = "own-" + rand();
    const alice = await connect("alice-" + rand(), { reconnection: false });
    await alice.emitWithAck("join", { room });
    const bob = await connect("bob", { reconnection: false });
    await bob.emitWithAck("chat message", { room, text: "hello" });
    const alicePid = alice._pid;
    await drop(alice);

    const cases = [
      { pid: alicePid, offset: room + ":1" },
      { pid: "AAAAAAAAAAAAAAAAAAAAAA", offset: room + ":1" },
      { pid: "not a pid", offset: "nonsense" },
      { pid: 42, offset: { room } },
    ];
    for (const auth of cases) {
      const mallory = await connect("mallory", { reconnection: false, auth });
      check(mallory.recovered === false, `not recovered with ${JSON.stringify(auth)}`);
      check(typeof mallory._pid === "string" && mallory._pid !== alicePid, "a fresh pid, never alice's");
      const heard = inbox(mallory);
      await bob.emitWithAck("chat message", { room, text: "private" });
      await sleep(200);
      equal(heard, [], "what mallory hears of alice's room");
      const ack = await mallory.emitWithAck("join", { room: "mallory-" + rand() });
      check(ack.members === 1, "the connection works as a fresh one");
      mallory.disconnect();
    }

    alice.connect();
    await next(alice, "connect");
    check(alice.recovered === true, "alice's own session is unharmed");
  },
};

run(scenarios, scenario);
