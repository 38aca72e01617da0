// Protocol v2 lossless resume across 100 cuts: every message counted both ways (the room counts what it received,
// the client what the room echoed), and the resume latency (cut → first message delivered after it) printed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GathoClient, ClientState } from '../../src/index.js';
import { startRooms, skipReason, withTimeout } from '../support/rooms.js';
import { startCutProxy } from '../support/proxy.js';

const cuts = 100;
const perCut = 30;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

describe('v2 resume through a cutting proxy', { skip: skipReason }, () => {
  let rooms;
  let proxy;
  before(async () => {
    rooms = await startRooms();
    proxy = await startCutProxy(rooms.urls.echo);
  });
  after(async () => {
    await proxy?.close();
    await rooms?.stop();
  });

  it(`delivers every message exactly once, in order, both ways, across ${cuts} cuts`, { timeout: 120000 }, async () => {
    const client = new GathoClient(await rooms.seat('echo', 'cutter', { via: proxy.url }), {
      reconnection: { initialDelay: 20, maxDelay: 200, maxAttempts: 20 },
    });
    const echoes = [];
    let duplicates = 0;
    let outOfOrder = 0;
    let report = null;
    let waiter = null;
    let cutAt = null;
    const latencies = [];
    const drops = [];
    client.on('message', (data) => {
      if (data.startsWith('report:')) {
        report = JSON.parse(data.slice(7));
      } else {
        const n = Number(data.slice(2));
        if (n <= echoes.length) duplicates += 1;
        else if (n !== echoes.length + 1) outOfOrder += 1;
        else echoes.push(n);
        if (cutAt !== null) {
          latencies.push(performance.now() - cutAt);
          cutAt = null;
        }
      }
      if (waiter?.ready()) { waiter.resolve(); waiter = null; }
    });
    client.on('drop', (d) => drops.push(d.code));
    const until = (ready, what) => {
      if (ready()) return Promise.resolve();
      return withTimeout(new Promise((resolve) => { waiter = { ready, resolve }; }), 30000, `${what}: ${echoes.length} echoes, state ${client.state}`);
    };
    const reconnects = [];
    client.on('reconnect', () => reconnects.push(performance.now()));
    await client.connect();

    let sent = 0;
    for (let cut = 1; cut <= cuts; cut++) {
      // Traffic in flight both ways at the moment of the cut: a batch goes out and the cut lands after a few echoes.
      for (let i = 0; i < perCut; i++) client.send(`c:${++sent}`);
      const before = echoes.length;
      await until(() => echoes.length >= before + (cut % 7) + 1, `echoes before cut ${cut}`);
      assert.equal(proxy.cut(), 1, `cut ${cut}: one connection through the proxy`);
      cutAt = performance.now();
      // Sent while the connection is dead or resuming: kept and resent.
      for (let i = 0; i < 5; i++) client.send(`c:${++sent}`);
      await withTimeout(new Promise((resolve) => { const off = client.on('reconnect', () => { off(); resolve(); }); }), 30000, `resume after cut ${cut}`);
    }

    await until(() => echoes.length === sent, 'all echoes');
    client.send('report');
    await until(() => report !== null, 'the room\'s report');

    const sorted = [...latencies].sort((a, b) => a - b);
    const summary = {
      cuts, resumes: client.stats.resumes, sent, echoed: echoes.length, duplicates, outOfOrder, room: report,
      resentFrames: client.stats.resentFrames, replayedFrames: client.stats.replayedFrames,
      latencyMs: { p50: +percentile(sorted, 50).toFixed(1), p95: +percentile(sorted, 95).toFixed(1), max: +sorted.at(-1).toFixed(1), samples: sorted.length },
    };
    console.log(`js-client cut test: ${JSON.stringify(summary)}`);

    assert.equal(client.stats.resumes, cuts);
    assert.equal(client.state, ClientState.open);
    assert.ok(drops.every((code) => code === 1006), `drops: ${drops}`);
    // client → room: the room got 1..sent once each, in order.
    assert.deepEqual(report, { received: sent, duplicates: 0, gaps: 0 });
    // room → client: the client got e:1..e:sent once each, in order.
    assert.equal(duplicates, 0);
    assert.equal(outOfOrder, 0);
    assert.equal(echoes.length, sent);
    assert.ok(client.stats.resentFrames > 0 && client.stats.replayedFrames > 0, 'cuts landed on traffic in flight');
    await client.close();
    await rooms.waitForEvent('leave:cutter');
  });
});
