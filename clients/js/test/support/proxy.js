// A loopback TCP proxy in front of a room that can cut (reset) every connection through it, both sides at once:
// the room sees a drop (1006) and the client a dead socket, like a network failure.
import net from 'node:net';

export async function startCutProxy(targetUrl) {
  const target = new URL(targetUrl);
  const pairs = new Set();
  let connections = 0;
  const server = net.createServer((downstream) => {
    connections += 1;
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair = { downstream, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    url: `ws://127.0.0.1:${port}/`,
    get connections() { return connections; },
    get live() { return pairs.size; },
    /** Resets every connection now (RST both ways); returns how many it cut. */
    cut() {
      const cut = pairs.size;
      for (const { downstream, upstream } of [...pairs]) {
        downstream.resetAndDestroy();
        upstream.resetAndDestroy();
      }
      pairs.clear();
      return cut;
    },
    close: () => new Promise((resolve) => { for (const p of pairs) { p.downstream.destroy(); p.upstream.destroy(); } server.close(resolve); }),
  };
}
