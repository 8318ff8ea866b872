// The Flask-SocketIO tutorial's scenarios, as its Socket.IO client code writes them, with the real socket.io-client.
// Usage: node socketio-scenarios.cjs <baseUrl> <scenario> <default|websocket>
// Prints "PASS <scenario>" and exits 0, or "FAIL <scenario>: <reason>" and exits 1.
const { io } = require("socket.io-client");
const { kit } = require("./socketio-kit.cjs");

const [, , baseUrl, scenario, transportMode] = process.argv;
const TIMEOUT = 10000;
const { connect, next, equal, run, rand, sockets } = kit({ baseUrl, transportMode, timeout: TIMEOUT });

function nothing(socket, event, ms = 500, match = () => true) {
  return new Promise((resolve, reject) => {
    const handler = (...args) => { if (match(...args)) reject(new Error(`unexpected '${event}': ${JSON.stringify(args)}`)); };
    socket.on(event, handler);
    setTimeout(() => { socket.off(event, handler); resolve(); }, ms);
  });
}

const scenarios = {
  async connect() {
    for (const ns of ["/", "/chat", "/socketTest"]) {
      const socket = await connect(ns);
      equal(socket.connected, true, `${ns} connected`);
      if (!/^[0-9a-f]{8}\./.test(socket.id)) throw new Error(`sid ${socket.id} does not name a front`);
    }
  },

  async upgrade() {
    const socket = await connect("/chat");
    if (transportMode === "websocket") return;
    await new Promise((resolve, reject) => {
      if (socket.io.engine.transport.name === "websocket") return resolve();
      const timer = setTimeout(() => reject(new Error("no upgrade to websocket")), TIMEOUT);
      socket.io.engine.once("upgrade", () => { clearTimeout(timer); resolve(); });
    });
    socket.emit("my event", "message");
    equal((await next(socket, "my event"))[0], "received data.", "after upgrade");
  },

  async class_namespace() {
    const socket = io(baseUrl.replace(/\/$/, "") + "/socketTest", {
      forceNew: true, reconnection: false,
      transports: transportMode === "websocket" ? ["websocket"] : ["polling", "websocket"],
    });
    sockets.push(socket);
    const greeting = next(socket, "message");
    equal((await greeting)[0], "class conected!", "on_connect");
    socket.send("hello");
    equal((await next(socket, "message"))[0], "received message", "on_message");
    socket.emit("chat", "hi");
    equal((await next(socket, "chat"))[0], "received chat", "on_chat");
  },

  async send_string() {
    for (const ns of ["/", "/chat"]) {
      const socket = await connect(ns);
      socket.send("message");
      equal((await next(socket, "message"))[0], "received message.", `${ns} send string`);
    }
  },

  async send_json() {
    for (const ns of ["/", "/chat"]) {
      const socket = await connect(ns);
      socket.send({ message: 123 });
      equal((await next(socket, "message"))[0], "received json.", `${ns} send json`);
    }
  },

  async emit_one_argument() {
    const socket = await connect("/chat");
    socket.emit("my event", "message");
    equal(await next(socket, "my event"), ["received data."], "my event");
  },

  async emit_three_arguments() {
    const socket = await connect("/chat");
    const reply = new Promise((resolve) => socket.once("my event", (m1, m2, m3) => resolve([m1, m2, m3])));
    socket.emit("my event", "msg1", "msg2", "msg3");
    equal(await reply, ["msg1", "msg2", "msg3"], "three arguments back");
  },

  async arity_error() {
    const socket = await connect("/socketTest");
    socket.emit("chat", "a", "b");
    const [error] = await next(socket, "error");
    equal(error.code, "arity_mismatch", "a handler given too many arguments");
  },

  async join_and_leave() {
    for (const ns of ["/chat", "/socketTest"]) {
      const room = "room-" + rand();
      const a = await connect(ns), b = await connect(ns);
      const bHears = next(b, "message", (m) => m === "user2 has entered the room.");
      b.emit("join", { username: "user2", room });
      await bHears;
      const entered = next(b, "message", (m) => m === "user1 has entered the room.");
      const selfEntered = next(a, "message", (m) => m === "user1 has entered the room.");
      a.emit("join", { username: "user1", room });
      await Promise.all([entered, selfEntered]);
      const left = next(b, "message", (m) => m === "user1 has left the room.");
      a.emit("leave", { username: "user1", room });
      await left;
    }
  },

  async two_rooms() {
    const r1 = "r1-" + rand(), r2 = "r2-" + rand();
    const a = await connect("/chat"), b = await connect("/chat"), c = await connect("/chat");
    await a.emitWithAck("join", { username: "a", room: r1 });
    await a.emitWithAck("join", { username: "a", room: r2 });
    await b.emitWithAck("join", { username: "b", room: r1 });
    await c.emitWithAck("join", { username: "c", room: r2 });
    const toR1 = [next(a, "news", (m) => m.room === r1), next(b, "news", (m) => m.room === r1)];
    const toR2 = [next(a, "news", (m) => m.room === r2), next(c, "news", (m) => m.room === r2)];
    const cNotR1 = nothing(c, "news", 800, (m) => m.room === r1);
    const d = await connect("/chat");
    d.emit("news", { room: r1, text: "one" });
    d.emit("news", { room: r2, text: "two" });
    await Promise.all([...toR1, ...toR2]);
    await cNotR1;
  },

  async broadcast() {
    const a = await connect("/chat"), b = await connect("/chat"), c = await connect("/chat");
    const tag = rand();
    const heard = [next(b, "shout", (m) => m.tag === tag), next(c, "shout", (m) => m.tag === tag)];
    a.emit("shout", { tag });
    await Promise.all(heard);
  },

  async push_to_sid() {
    const a = await connect("/chat"), b = await connect("/chat"), c = await connect("/chat");
    const tag = rand();
    const bHears = next(b, "direct", (m) => m.tag === tag);
    const cSilent = nothing(c, "direct", 800);
    a.emit("direct", { sid: b.id, tag });
    const [msg] = await bHears;
    equal(msg.from.sid, a.id, "from sid");
    await cSilent;
  },

  async push_to_user() {
    const user = "u-" + rand();
    const tab1 = await connect("/chat", { query: { user } }), tab2 = await connect("/chat", { query: { user } });
    const other = await connect("/chat");
    const tag = rand();
    const both = [next(tab1, "notice", (m) => m.tag === tag), next(tab2, "notice", (m) => m.tag === tag)];
    other.emit("notice", { to: user, tag });
    await Promise.all(both);
  },

  async ack_from_server() {
    const socket = await connect("/chat");
    const room = "ack-" + rand();
    const answer = await socket.timeout(TIMEOUT).emitWithAck("join", { username: "x", room });
    equal(answer, { room, members: 1 }, "join ack");
    const relayed = await socket.timeout(TIMEOUT).emitWithAck("anything", { room });
    equal(relayed, { ok: true, to: "room" }, "relay ack");
  },

  async binary() {
    const room = "bin-" + rand();
    const a = await connect("/chat"), b = await connect("/chat");
    await a.emitWithAck("join", { username: "a", room });
    await b.emitWithAck("join", { username: "b", room });
    const got = next(b, "file", (meta) => meta && meta.room === room);
    const ack = await a.timeout(TIMEOUT).emitWithAck("file", { room }, Buffer.from([1, 2, 3, 255]), "name.bin");
    equal(ack, { ok: true, to: "room" }, "binary relay ack");
    const [meta, data, name] = await got;
    if (!Buffer.isBuffer(data) && !(data instanceof ArrayBuffer)) throw new Error(`binary arrived as ${typeof data}: ${JSON.stringify(data)}`);
    equal([...Buffer.from(data)], [1, 2, 3, 255], "bytes");
    equal(name, "name.bin", "text argument after the binary one");
    equal(meta.from.sid, a.id, "from");
  },

  async unknown_namespace() {
    await connect("/nowhere").then(
      () => { throw new Error("connected to an unknown namespace"); },
      (err) => { if (!/Invalid namespace/.test(err.message)) throw err; });
  },

  async multiplexed() {
    // Without forceNew, socket.io-client shares one Engine.IO connection between namespaces.
    const url = baseUrl.replace(/\/$/, "");
    const options = { reconnection: false, transports: transportMode === "websocket" ? ["websocket"] : ["polling", "websocket"] };
    const manager = io(url + "/chat", options).io;
    const chat = manager.socket("/chat"), main = manager.socket("/"), test = manager.socket("/socketTest");
    sockets.push(chat, main, test);
    const greeting = next(test, "message");
    for (const s of [chat, main, test]) { s.connect(); }
    await Promise.all([chat, main].map((s) => new Promise((r) => s.connected ? r() : s.once("connect", r))));
    equal((await greeting)[0], "class conected!", "/socketTest on the shared connection");
    if (new Set([chat.id, main.id, test.id]).size !== 3) throw new Error("namespace sockets share an id");
    const chatReply = next(chat, "my event"), mainReply = next(main, "message");
    chat.emit("my event", "message");
    main.send("message");
    equal((await chatReply)[0], "received data.", "/chat");
    equal((await mainReply)[0], "received message.", "/");
    chat.disconnect();
    const again = next(main, "message");
    main.send("again");
    equal((await again)[0], "received message.", "/ after /chat disconnected");
  },
};

run(scenarios, scenario);
