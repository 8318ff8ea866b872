// Reconnecting with the `ws` package as docs/protocol.md ("Reconnecting", raw WebSocket) tells a user to: keep the
// `session` of `connect` and the last `offset` seen per room; after a drop, reconnect with `?session=TOKEN` and send
// `resume` with those offsets first. The script plays the scenario and prints one JSON line of what each client saw;
// the test (JavaScriptRecoveryTests) judges it.
// Usage: node recovery-ws.mjs <ws-base-url> resume <room>
//        node recovery-ws.mjs <ws-base-url> foreign <room> <unknown|malformed|others>
import WebSocket from "ws";
import { Received, sleep } from "./received.mjs";

const [baseUrl, scenario, room, kind] = process.argv.slice(2);
// The presence grace is 5 s: a bug that announced `left` after it would show up within this long of the drop.
const PAST_GRACE = 6500;

/** A client of /ws/chat that keeps every frame it got, tracks its session and offsets as the docs' client does. */
class ChatClient {
  constructor(user, session) {
    this.user = user;
    this.received = new Received(user);
    this.frames = this.received.items;
    this.offsets = {};
    this.acks = 0;
    this.socket = new WebSocket(`${baseUrl}/ws/chat?user=${user}${session ? `&session=${encodeURIComponent(session)}` : ""}`);
    this.socket.on("message", (data) => {
      const frame = JSON.parse(data.toString());
      if (frame.event === "connect") this.session = frame.args[0].session;
      if (frame.room && frame.offset) this.offsets[frame.room] = frame.offset;
      this.received.add(frame);
    });
  }

  /** Connects; with <resumeOffsets>, sends `resume` with them as the first event, as the docs' client does on open. */
  static async open(user, session, resumeOffsets) {
    const client = new ChatClient(user, session);
    await new Promise((resolve, reject) => {
      client.socket.once("open", resolve);
      client.socket.once("error", reject);
    });
    if (resumeOffsets) client.socket.send(JSON.stringify({ event: "resume", args: [{ offsets: resumeOffsets }] }));
    await client.next((f) => f.event === "connect");
    return client;
  }

  /** The first frame (from the start) that matches, waiting for it if need be. */
  next(match, what = "a frame") {
    return this.received.next(match, what);
  }

  /** Emits with an ack and returns the ack's arguments. */
  async call(event, arg) {
    const ack = ++this.acks;
    this.socket.send(JSON.stringify({ event, args: [arg], ack }));
    return (await this.next((f) => f.ack === ack, `the ack of ${event}`)).args;
  }

  async members() {
    const [answer] = await this.call("presence", { room });
    return answer.users;
  }

  /** What it heard, compactly: a room message as its text, anything else as its event name (acks left out). */
  heard() {
    return this.frames.filter((f) => f.event).map((f) => (f.event === "chat" ? f.args[0].text : f.event));
  }

  say(text) {
    return this.call("chat", { room, text });
  }
}

const said = (text) => (f) => f.event === "message" && f.args[0] === text;
const chat = (text) => (f) => f.event === "chat" && f.args[0].text === text;

const scenarios = {
  // Alice drops (TCP cut, no close frame); Bob sends ten; Carol asks who is in the room; Alice comes back and resumes.
  async resume(report) {
    const alice = await ChatClient.open("ws-alice");
    const bob = await ChatClient.open("ws-bob");
    const carol = await ChatClient.open("ws-carol");
    for (const client of [alice, bob, carol]) await client.call("join", { room });
    // Alice has seen everything up to Carol's arrival: her offset is the room's latest.
    await alice.next(said("ws-carol has entered the room."), "Carol's arrival");
    await bob.next(said("ws-carol has entered the room."), "Carol's arrival");
    const dropped = { session: alice.session, offsets: { ...alice.offsets } };
    report.session = dropped.session;
    report.lastSeen = dropped.offsets[room];
    const watchFrom = { bob: bob.frames.length, carol: carol.frames.length };

    alice.socket.terminate();
    const droppedAt = Date.now();
    for (let i = 1; i <= 10; i++) await bob.say(`m${i}`);
    report.membersDuringOutage = await carol.members();

    const back = await ChatClient.open("ws-alice", dropped.session, dropped.offsets);
    report.resumedSession = back.session;
    report.resumed = (await back.next((f) => f.event === "resumed", "resumed")).args[0];
    await bob.say("new");
    await back.next(chat("new"), "the new message");
    await sleep(Math.max(0, droppedAt + PAST_GRACE - Date.now()));
    report.membersAfter = await carol.members();
    report.heard = back.heard();
    report.offsets = back.frames.filter((f) => f.event === "chat").map((f) => f.offset);
    report.rooms = back.frames.filter((f) => f.event === "chat").map((f) => f.room);
    report.announced = {
      bob: bob.frames.slice(watchFrom.bob).filter((f) => f.event === "presence" && f.args[0].user === "ws-alice").map((f) => f.args[0].status),
      carol: carol.frames.slice(watchFrom.carol).filter((f) => f.event === "presence" && f.args[0].user === "ws-alice").map((f) => f.args[0].status),
    };
  },

  // Eve reconnects with a token that is not hers (unknown, malformed, or the owner's), sending `resume` as the docs'
  // client does: she must get an error, learn nothing of the owner's room, and have a connection like any other.
  async foreign(report) {
    const owner = await ChatClient.open("ws-owner");
    await owner.call("join", { room });
    await owner.next(said("ws-owner has entered the room."));
    owner.socket.terminate();
    const token = { unknown: "AAAAAAAAAAAAAAAAAAAAAA", malformed: "not a token!", others: owner.session }[kind];

    const eve = await ChatClient.open("ws-eve", token, { [room]: 0 });
    report.presented = token;
    report.session = eve.session;
    report.resumed = (await eve.next((f) => f.event === "resumed", "resumed")).args[0];
    const own = `${room}-eve`;
    await eve.call("join", { room: own });
    await eve.next(said("ws-eve has entered the room."), "her own join");
    await sleep(300);
    report.errors = eve.frames.filter((f) => f.event === "error").map((f) => f.args[0].code);
    report.heard = eve.heard();
    report.everything = eve.frames.map((f) => JSON.stringify(f)).join("\n");
    eve.socket.close();

    // The owner's session is still the owner's.
    const back = await ChatClient.open("ws-owner", owner.session, owner.offsets);
    report.ownerResumed = (await back.next((f) => f.event === "resumed", "the owner's resumed")).args[0];
    back.socket.close();
  },
};

const report = { scenario };
try {
  await scenarios[scenario](report);
} catch (error) {
  report.failure = String(error?.stack ?? error);
}
console.log(JSON.stringify(report));
process.exit(0);
