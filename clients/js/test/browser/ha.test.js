// samples/Ha in Chromium: redis-server, two servers, the API and the YARP front door started by one command; two
// pages reach the API and their rooms through the front door's one origin and port.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { artifactsDir, browserSkipReason, launchChromium, sampleDll, startProgram } from '../support/chat.js';

const redis = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
const skip = browserSkipReason('Ha') || (redis ? false : 'redis-server is not installed (apt-get install redis-server; .ci/run does)');

async function openRoom(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 800, height: 500 });
  await page.goto(url);
  await page.waitForFunction(() => window.ha.servers?.length === 2, { timeout: 30000 });
  await page.click('#create');
  await page.waitForSelector('#status[data-state="open"]', { timeout: 30000 });
  return page;
}

async function ping(page, times) {
  const before = await page.evaluate(() => window.ha.pongs.length);
  for (let i = 0; i < times; i++) await page.click('#ping');
  await page.waitForFunction((n) => window.ha.pongs.length >= n, { timeout: 30000 }, before + times);
  return page.evaluate(() => ({ pongs: window.ha.pongs, serverId: window.ha.serverId, seatUrl: window.ha.seatUrl }));
}

describe('samples/Ha through its front door in Chromium', { skip }, () => {
  let ha;
  let browser;
  let url;
  before(async () => {
    ha = await startProgram('dotnet', [sampleDll('Ha'), '--port', '0'], /open (http:\/\/\S+)/);
    url = ha.match[1];
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await ha?.stop();
  });

  it('two pages create rooms on the two servers and ping them, all through one origin', { timeout: 120000 }, async () => {
    const origin = new URL(url);
    const first = await openRoom(browser, url);
    const a = await ping(first, 3);
    assert.equal(new URL(a.seatUrl).host, origin.host, 'the seat points at the front door');
    assert.match(new URL(a.seatUrl).pathname, /^\/room\/\d+\/$/);
    assert.deepEqual(a.pongs.map((p) => [p.type, p.pingCount, p.server]), [1, 2, 3].map((n) => ['pong', n, a.serverId]));

    // The least-loaded server gets the second room: the other one.
    const second = await openRoom(browser, url);
    const b = await ping(second, 2);
    assert.equal(new URL(b.seatUrl).host, origin.host);
    assert.notEqual(b.serverId, a.serverId, 'the second room went to the other server');
    assert.deepEqual(b.pongs.map((p) => [p.pingCount, p.server]), [[1, b.serverId], [2, b.serverId]]);

    // The front door forwards only to ports of rooms the store knows.
    assert.equal(await first.evaluate(() => fetch('room/1/').then((r) => r.status)), 404);
    await first.screenshot({ path: path.join(artifactsDir(), 'ha.png') });
    console.log(`ha: rooms on servers ${a.serverId} and ${b.serverId}, seats ${new URL(a.seatUrl).pathname} and ${new URL(b.seatUrl).pathname} via ${origin.host}`);
  });
});
