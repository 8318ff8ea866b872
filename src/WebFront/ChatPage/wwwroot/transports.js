// The three ways a browser reaches ActorChat's event model, behind one small client:
//   const client = await open({ namespace, user, onEvent, onClose });
//   client.sid, client.user; await client.emit(event, args) resolves with the ack's arguments; client.close().
// onEvent(name, args) gets every event the server sends; onClose(reason) is called once when an open
// connection ends (reason is null when this page closed it). A refused connection rejects open().

const ACK_TIMEOUT_MS = 10000;

// SignalR calls client methods by name, so the page says which events it listens to.
export const EVENTS = ["message", "presence", "error", "chat message"];

export const transports = {
  websocket: { label: "WebSocket", open: openWebSocket },
  signalr: { label: "SignalR", open: openSignalR },
  socketio: { label: "Socket.IO", open: openSocketIO },
};

function timeout(promise, what) {
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer to '${what}' within ${ACK_TIMEOUT_MS / 1000} s.`)), ACK_TIMEOUT_MS);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// Raw WebSocket: one JSON envelope per frame, {"event", "args", "ack"} (docs/protocol.md).
function openWebSocket({ namespace, user, onEvent, onClose }) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const path = namespace === "/" ? "/ws" : `/ws${namespace}`;
  const socket = new WebSocket(`${scheme}//${location.host}${path}?user=${encodeURIComponent(user)}`);
  const pending = new Map();
  let nextAck = 1;
  let opened = false;

  const emit = (event, args) => {
    const id = nextAck++;
    const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    socket.send(JSON.stringify({ event, args, ack: id }));
    return timeout(answer, event).finally(() => pending.delete(id));
  };

  return new Promise((resolve, reject) => {
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.event === undefined) {
        pending.get(frame.ack)?.resolve(frame.args ?? []);
      } else if (frame.event === "connect" && !opened) {
        opened = true;
        const [info] = frame.args;
        resolve({ sid: info.sid, user: info.user, emit, close: () => socket.close(1000) });
      } else {
        onEvent(frame.event, frame.args ?? []);
      }
    };
    socket.onclose = (close) => {
      // A namespace's own refusal is a 1008 close with the reason. An unknown namespace, user or origin is
      // refused before the upgrade with an HTTP status, which browsers do not show to pages.
      const reason = close.reason
        || (close.code === 1000 ? null
          : opened ? `The connection closed (code ${close.code}).`
          : "The server refused the WebSocket (an unknown namespace, user name or origin); the browser's network log has its answer.");
      for (const { reject: fail } of pending.values()) fail(new Error(reason ?? "The connection closed."));
      if (opened) onClose(reason);
      else reject(new Error(reason ?? "The server closed the connection."));
    };
  });
}

// SignalR: the hub at /hubs/chat; EmitWithAck returns the ack's arguments.
async function openSignalR({ namespace, user, onEvent, onClose }) {
  const url = `/hubs/chat?namespace=${encodeURIComponent(namespace)}&user=${encodeURIComponent(user)}`;
  // The page shows every failure itself; the library's own console logging would only repeat it.
  const connection = new signalR.HubConnectionBuilder().withUrl(url).configureLogging(signalR.LogLevel.None).build();
  let opened = false;
  let announced;
  const hello = new Promise((resolve, reject) => { announced = { resolve, reject }; });
  connection.on("connect", (info) => { opened = true; announced.resolve(info); });
  for (const name of EVENTS) connection.on(name, (...args) => onEvent(name, args));
  connection.onclose((error) => {
    const reason = error ? error.message : null;
    if (opened) onClose(reason);
    else announced.reject(new Error(reason ?? "The server closed the connection."));
  });
  try {
    await connection.start();
  } catch (error) {
    // A refused negotiation carries the server's {"error": …} in the library's message.
    const answer = /\{.*\}/.exec(error.message);
    let reason = error.message;
    try {
      reason = JSON.parse(answer[0]).error ?? reason;
    } catch {
      // Not the server's JSON: keep the library's sentence.
    }
    throw new Error(reason);
  }
  const info = await hello;
  return {
    sid: info.sid,
    user: info.user,
    emit: (event, args) => timeout(connection.invoke("EmitWithAck", event, args), event).catch((error) => {
      // Keep the hub's own sentence, without the library's "An unexpected error occurred invoking…" preamble.
      throw new Error(error.message.replace(/^.*HubException: /, ""));
    }),
    close: () => connection.stop(),
  };
}

// Socket.IO: socket.io-client as any page uses it, with the user in the handshake's query.
function openSocketIO({ namespace, user, onEvent, onClose }) {
  const socket = io(location.origin + namespace, { query: { user }, reconnection: false, forceNew: true });
  const emit = (event, args) => new Promise((resolve, reject) =>
    socket.timeout(ACK_TIMEOUT_MS).emit(event, ...args, (error, ...answer) => (error ? reject(error) : resolve(answer))));

  return new Promise((resolve, reject) => {
    socket.on("connect", () => resolve({ sid: socket.id, user, emit, close: () => socket.disconnect() }));
    socket.on("connect_error", (error) => {
      socket.close();
      reject(new Error(error.message));
    });
    socket.on("disconnect", (reason) => onClose(reason === "io client disconnect" ? null : `Disconnected: ${reason}.`));
    socket.onAny((event, ...args) => onEvent(event, args));
  });
}
