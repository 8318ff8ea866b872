// A TCP relay in front of the server that plays a network blip, for clients that cannot be told to drop their socket
// (the SignalR client reconnects by itself). `cut()` resets every relayed connection on both sides, as a dead Wi-Fi
// or a proxy's idle timeout would: no close frame, no FIN. Until `heal()`, new connections are accepted but held
// (nothing is relayed), so the client's reconnect waits as it would for the network to come back.
import net from "node:net";

export async function blipRelay(serverUrl) {
  const target = new URL(serverUrl);
  const live = new Set();
  const held = [];
  let down = false;
  let accepted = 0;

  function relay(client) {
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair = { client, upstream };
    live.add(pair);
    const end = () => {
      live.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", () => live.delete(pair));
    upstream.on("error", end).on("close", () => live.delete(pair));
    client.pipe(upstream);
    upstream.pipe(client);
  }

  const server = net.createServer((client) => {
    accepted++;
    client.pause();
    client.on("error", () => client.destroy());
    if (down) held.push(client);
    else relay(client);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** How many TCP connections clients opened through the relay. */
    get accepted() {
      return accepted;
    },
    cut() {
      down = true;
      for (const { client, upstream } of live) {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      }
      live.clear();
    },
    heal() {
      down = false;
      for (const client of held.splice(0)) relay(client);
    },
    close() {
      for (const { client, upstream } of live) {
        client.destroy();
        upstream.destroy();
      }
      server.close();
    },
  };
}
