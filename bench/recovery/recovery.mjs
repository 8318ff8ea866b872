// Reconnect recovery, measured against a running ActorChat server (bench/run-recovery.sh starts it).
// Usage: node recovery.mjs resume URL SERVER_PID [ROUNDS] [MISSED]
//          ROUNDS times: a client in a room drops (no close frame), MISSED room messages are sent, the client
//          reconnects with ?session= and its last offset; the time from opening the new socket to `resumed`
//          (every missed message delivered first) is one sample. Prints p50/p99 ms.
//        node recovery.mjs fill URL SERVER_PID [ROOMS] [PER_ROOM] [BYTES]
//          one client sends PER_ROOM messages of about BYTES bytes to each of ROOMS rooms (nobody in them), then
//          prints the server's RSS growth per room.
//        node recovery.mjs idle URL SERVER_PID [CONNECTIONS] [ROOMS] [SECONDS]
//          CONNECTIONS clients (users of their own) each join one of ROOMS rooms, then sit idle; prints the server's
//          CPU use (its own /proc counters) over SECONDS, its RSS, and how many clients are still connected.
import WebSocket from "ws";
import { readFileSync } from "node:fs";

const [mode, url, pid, a, b, c] = process.argv.slice(2);
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))[1]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function client(query) {
  const ws = new WebSocket(`${url}?${query}`);
  const waiters = [];
  const frames = [];
  let ack = 0;
  ws.on("message", (data) => {
    const frame = JSON.parse(data);
    frames.push(frame);
    for (const w of [...waiters]) if (w.match(frame)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(frame); }
  });
  const next = (match) => {
    const found = frames.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };
  const emit = (event, arg) => {
    const id = ++ack;
    ws.send(JSON.stringify({ event, args: [arg], ack: id }));
    return next((f) => f.ack === id);
  };
  const opened = new Promise((resolve, reject) => { ws.once("open", resolve); ws.once("error", reject); });
  return { ws, next, emit, opened, frames };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

if (mode === "resume") {
  const rounds = Number(a ?? 50), missed = Number(b ?? 100);
  const sender = client("user=bench-sender");
  await sender.next((f) => f.event === "connect");
  const samples = [];
  let recovered = 0;
  for (let round = 0; round < rounds; round++) {
    const room = `resume-${round}-${Date.now()}`;
    const user = `bench-resumer-${round}`;
    const first = client(`user=${user}`);
    const session = (await first.next((f) => f.event === "connect")).args[0].session;
    await first.emit("join", { room });
    const seen = (await first.next((f) => f.event === "message" && f.room === room)).offset;
    first.ws.terminate();
    await sleep(200);
    await Promise.all(Array.from({ length: missed }, (_, i) => sender.emit("chat", { room, text: `missed ${i}` })));
    const started = process.hrtime.bigint();
    const back = client(`user=${user}&session=${session}`);
    await back.opened;
    back.ws.send(JSON.stringify({ event: "resume", args: [{ offsets: { [room]: seen } }] }));
    const resumed = await back.next((f) => f.event === "resumed");
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    const got = back.frames.filter((f) => f.event === "chat").length;
    if (resumed.args[0].recovered && resumed.args[0].missed === missed && got === missed) recovered++;
    back.ws.close();
  }
  samples.sort((x, y) => x - y);
  console.log(JSON.stringify({ mode, rounds, missed, recovered, p50Ms: +percentile(samples, 50).toFixed(2), p99Ms: +percentile(samples, 99).toFixed(2), maxMs: +samples.at(-1).toFixed(2) }));
  sender.ws.close();
} else if (mode === "fill") {
  const rooms = Number(a ?? 1000), perRoom = Number(b ?? 100), bytes = Number(c ?? 100);
  const sender = client("user=bench-filler");
  await sender.next((f) => f.event === "connect");
  const before = rssKb();
  const text = "x".repeat(bytes);
  for (let room = 0; room < rooms; room++)
    await Promise.all(Array.from({ length: perRoom }, (_, i) => sender.emit("chat", { room: `fill-${room}`, text, i })));
  await sleep(3000);
  const after = rssKb();
  console.log(JSON.stringify({ mode, rooms, perRoom, bytes, rssBeforeKb: before, rssAfterKb: after, kbPerRoom: +((after - before) / rooms).toFixed(2) }));
  sender.ws.close();
} else if (mode === "idle") {
  const connections = Number(a ?? 10000), rooms = Number(b ?? 100), seconds = Number(c ?? 60);
  const cpuTicks = () => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ").slice(11, 13).map(Number).reduce((x, y) => x + y);
  const clients = [];
  for (let start = 0; start < connections; start += 250) {
    const batch = Array.from({ length: Math.min(250, connections - start) }, (_, i) => client(`user=bench-idle-${start + i}`));
    await Promise.all(batch.map(async (one, i) => {
      await one.next((f) => f.event === "connect");
      await one.emit("join", { room: `idle-${(start + i) % rooms}` });
    }));
    clients.push(...batch);
  }
  await sleep(10000);
  const [ticksBefore, startedAt] = [cpuTicks(), process.hrtime.bigint()];
  await sleep(seconds * 1000);
  const elapsed = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const cpuSeconds = (cpuTicks() - ticksBefore) / 100;
  const open = clients.filter((one) => one.ws.readyState === WebSocket.OPEN).length;
  console.log(JSON.stringify({ mode, connections, rooms, seconds: +elapsed.toFixed(1), open, serverCpuPercent: +(100 * cpuSeconds / elapsed).toFixed(2), rssKb: rssKb() }));
  for (const one of clients) one.ws.terminate();
}
process.exit(0);
