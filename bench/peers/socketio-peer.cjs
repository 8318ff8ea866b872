// The Node socket.io 4.8 server that bench/run-socketio.sh compares ActorChat with. It does the work
// ActorChat's /chat namespace does for the benchmark: `join` joins a room and acks {room, members},
// any other event with a {room} object is relayed to that room without the sender, gaining `from`.
// Usage: node socketio-peer.cjs PORT
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 3100);
const io = new Server(port, { cors: { origin: "*" }, maxHttpBufferSize: 1e6 });

io.of("/chat").on("connection", (socket) => {
  const user = socket.handshake.query.user || `guest-${socket.id}`;
  socket.on("join", (request, ack) => {
    socket.join(request.room);
    const members = io.of("/chat").adapter.rooms.get(request.room)?.size ?? 0;
    io.of("/chat").to(request.room).emit("message", `${request.username || user} has entered the room.`);
    if (typeof ack === "function") ack({ room: request.room, members });
  });
  socket.onAny((event, ...args) => {
    if (event === "join") return;
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    const first = args[0];
    if (first && typeof first === "object" && typeof first.room === "string") {
      args[0] = { ...first, from: { user, sid: socket.id } };
      socket.to(first.room).emit(event, ...args);
      if (ack) ack({ ok: true, to: "room" });
    }
  });
});
console.log(`socket.io peer listening on ${port}`);
