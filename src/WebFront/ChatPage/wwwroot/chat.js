// The chat page: connect as a user over one transport, join rooms, watch their members come and go
// (presence events), send room and direct messages (the chat namespace's relay), and show what the
// server says, errors included. Every event name and payload here is the one docs/protocol.md describes.
import { transports } from "./transports.js";

const ROOM_MESSAGE = "chat message";
const $ = (id) => document.getElementById(id);

let client = null;
// room → { members: Map(user → connections or null), pending: presence events that came while the list loaded }
const rooms = new Map();

$("connect-form").addEventListener("submit", async (submit) => {
  submit.preventDefault();
  const user = $("user").value.trim();
  const namespace = $("namespace").value.trim();
  const transport = transports[new FormData($("connect-form")).get("transport")];
  setStatus(`Connecting to ${namespace} over ${transport.label}…`);
  setConnected(false, true);
  try {
    client = await transport.open({ namespace, user, onEvent, onClose });
  } catch (error) {
    setConnected(false);
    setStatus("Not connected.");
    showError(`Could not connect: ${error.message}`);
    return;
  }
  setStatus(`Connected to ${namespace} as ${client.user} over ${transport.label} (sid ${client.sid}).`);
  setConnected(true);
  $("room").focus();
});

$("disconnect").addEventListener("click", () => client?.close());

$("join-form").addEventListener("submit", async (submit) => {
  submit.preventDefault();
  const room = $("room").value.trim();
  if (rooms.has(room)) return selectRoom(room);
  const entry = { members: new Map(), pending: [] };
  rooms.set(room, entry);
  try {
    await client.emit("join", [{ room, username: client.user }]);
  } catch (error) {
    rooms.delete(room);
    renderRooms();
    showError(`Could not join ${room}: ${error.message}`);
    return;
  }
  try {
    // The members as the room grain knows them now; presence events keep the list current from here.
    const [presence] = await client.emit("presence", [{ room }]);
    for (const { user, connections } of presence?.users ?? []) entry.members.set(user, connections);
  } catch (error) {
    showError(`The members of ${room} are unknown (this namespace may not answer 'presence'): ${error.message}`);
  }
  for (const event of entry.pending.splice(0)) applyPresence(entry, event);
  entry.pending = null;
  $("room").value = "";
  logLine("event", room, `You joined ${room}.`);
  renderRooms();
  selectRoom(room);
  $("text").focus();
});

$("send-form").addEventListener("submit", (submit) => {
  submit.preventDefault();
  const room = $("send-room").value;
  sendChat({ room }, $("text"), room, room, "you");
});

$("direct-form").addEventListener("submit", (submit) => {
  submit.preventDefault();
  const to = $("to").value.trim();
  sendChat({ to }, $("direct-text"), to, null, `you → ${to}`);
});

// A room or direct message: the chat namespace relays it to the room or to the user's connections.
async function sendChat(target, input, name, room, who) {
  const text = input.value;
  try {
    await client.emit(ROOM_MESSAGE, [{ ...target, text }]);
  } catch (error) {
    showError(`Not sent to ${name}: ${error.message}`);
    return;
  }
  input.value = "";
  logMessage(room, who, text);
}

$("emit-form").addEventListener("submit", async (submit) => {
  submit.preventDefault();
  const event = $("event").value.trim();
  let args;
  try {
    args = JSON.parse($("event-args").value.trim() || "[]");
  } catch {
    args = null;
  }
  if (!Array.isArray(args)) {
    showError('The arguments must be a JSON array, such as [{"room": "room1"}].');
    return;
  }
  try {
    notice(`Ack for ${event}: ${JSON.stringify(await client.emit(event, args))}`);
  } catch (error) {
    showError(`No ack for ${event}: ${error.message}`);
  }
});

function onEvent(name, args) {
  const [first] = args;
  if (name === "presence" && first?.room && rooms.has(first.room)) {
    const entry = rooms.get(first.room);
    if (entry.pending) entry.pending.push(first);
    else applyPresence(entry, first);
  } else if (name === ROOM_MESSAGE && first?.room) {
    logMessage(first.room, first.from?.user ?? "?", first.text);
  } else if (name === ROOM_MESSAGE) {
    logMessage(null, `${first?.from?.user ?? "?"} → you`, first?.text);
  } else if (name === "error") {
    showError(first?.message ?? JSON.stringify(first), first?.code);
  } else if (name === "message") {
    notice(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  } else if (name !== "presence") {
    notice(`${name}: ${JSON.stringify(args)}`);
  }
}

function onClose(reason) {
  client = null;
  rooms.clear();
  renderRooms();
  setConnected(false);
  setStatus("Not connected.");
  if (reason) showError(`Disconnected: ${reason}`);
  else notice("Disconnected.");
  $("user").focus();
}

function applyPresence(entry, { room, user, status }) {
  if (status === "joined") {
    if (!entry.members.has(user)) entry.members.set(user, null);
    if (user !== client?.user) logLine("event", room, `${user} joined ${room}.`);
  } else if (status === "left") {
    entry.members.delete(user);
    logLine("event", room, `${user} left ${room}.`);
  }
  renderRooms();
}

async function leave(room) {
  try {
    await client.emit("leave", [{ room, username: client.user }]);
  } catch (error) {
    showError(`Could not leave ${room}: ${error.message}`);
    return;
  }
  rooms.delete(room);
  logLine("event", room, `You left ${room}.`);
  renderRooms();
  $("room").focus();
}

function renderRooms() {
  const list = $("rooms");
  list.replaceChildren();
  for (const [room, { members }] of rooms) {
    const item = element("li", "room");
    item.dataset.room = room;
    const header = element("div", "room-header");
    const title = element("h3", "", room);
    const count = element("span", "count", `${members.size} ${members.size === 1 ? "member" : "members"}`);
    const leaveButton = element("button", "leave", "Leave");
    leaveButton.type = "button";
    leaveButton.setAttribute("aria-label", `Leave ${room}`);
    leaveButton.addEventListener("click", () => leave(room));
    header.append(title, count, leaveButton);
    const people = element("ul", "members");
    people.setAttribute("aria-label", `Members of ${room}`);
    for (const [user, connections] of [...members].sort(([a], [b]) => a.localeCompare(b))) {
      const person = element("li", "member");
      person.dataset.user = user;
      person.append(element("span", "online", ""), element("span", "name", user === client?.user ? `${user} (you)` : user));
      if (connections > 1) person.append(element("span", "count", `${connections} connections`));
      person.title = "online";
      people.append(person);
    }
    item.append(header, people);
    list.append(item);
  }
  $("no-rooms").hidden = rooms.size > 0;

  const select = $("send-room");
  const chosen = select.value;
  select.replaceChildren(...[...rooms.keys()].map((room) => new Option(room, room)));
  if (rooms.has(chosen)) select.value = chosen;
  const canSend = client !== null && rooms.size > 0;
  for (const id of ["send-room", "text", "send"]) $(id).disabled = !canSend;
}

function selectRoom(room) {
  $("send-room").value = room;
}

function setConnected(connected, connecting = false) {
  for (const id of ["user", "namespace", "connect"]) $(id).disabled = connected || connecting;
  for (const radio of document.querySelectorAll("input[name=transport]")) radio.disabled = connected || connecting;
  for (const id of ["disconnect", "room", "join", "to", "direct-text", "send-direct", "event", "event-args", "emit"]) $(id).disabled = !connected;
  renderRooms();
}

function setStatus(text) {
  $("status").textContent = text;
}

function logMessage(room, who, text) {
  const line = element("li", room ? "message" : "message direct");
  if (room) line.dataset.room = room;
  line.append(element("span", "where", room ?? "direct"), element("b", "who", who), element("span", "text", String(text ?? "")));
  append($("log"), line);
}

function logLine(kind, room, text) {
  const line = element("li", kind, text);
  if (room) line.dataset.room = room;
  append($("log"), line);
}

function notice(text) {
  append($("notices"), element("li", "notice", text));
}

function showError(message, code) {
  const text = code ? `${message} (${code})` : message;
  const banner = $("last-error");
  banner.textContent = text;
  banner.hidden = false;
  append($("notices"), element("li", "error", text));
}

function append(list, line) {
  line.dataset.time = new Date().toLocaleTimeString();
  list.append(line);
  list.scrollTop = list.scrollHeight;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

setConnected(false);
$("user").value ||= `guest-${Math.random().toString(16).slice(2, 8)}`;
