// Two Chromium pages chatting through samples/Chat; one taken offline (DevTools network emulation) while the other
// keeps sending, then back online: no line lost or doubled. A screenshot of the chat is saved for people to look at.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifactsDir, browserSkipReason, joinChat, launchChromium, sampleDll, startProgram } from '../support/chat.js';

async function say(page, text) {
  await page.type('#text', text);
  await page.keyboard.press('Enter');
}

const lines = (page) => page.evaluate(() => window.chat.lines.slice());
const waitForLines = (page, count) => page.waitForFunction((n) => window.chat.lines.length >= n, { timeout: 30000 }, count);

describe('samples/Chat in Chromium', { skip: browserSkipReason('Chat') }, () => {
  let chat;
  let browser;
  let url;
  before(async () => {
    chat = await startProgram('dotnet', [sampleDll('Chat'), '--urls', 'http://127.0.0.1:0'], /open (http:\/\/\S+)/);
    url = chat.match[1];
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await chat?.stop();
  });

  it('two pages see each other and chat; a page offline misses nothing and gets nothing twice', { timeout: 120000 }, async () => {
    const ada = await joinChat(browser, url, 'Ada');
    const bob = await joinChat(browser, url, 'Bob');
    for (const page of [ada, bob]) {
      await page.waitForFunction(() => document.querySelectorAll('#present li[data-online="true"]').length === 2, { timeout: 30000 });
    }

    await say(ada, 'hello Bob');
    await waitForLines(bob, 1);
    await say(bob, 'hi Ada');
    await waitForLines(ada, 2);
    assert.deepEqual(await bob.$$eval('#messages li[data-n]', (li) => li.map((l) => l.textContent)), ['Adahello Bob', 'Bobhi Ada']);
    const screenshot = path.join(artifactsDir(), 'chat.png');
    await ada.screenshot({ path: screenshot });
    console.log(`screenshot: ${screenshot}`);

    // Bob's network goes away (DevTools network emulation); Ada keeps sending, and so does Bob's page.
    await bob.evaluate(() => {
      window.chat.events = [];
      for (const e of ['drop', 'reconnect', 'close']) window.chat.client.on(e, () => window.chat.events.push(e));
    });
    const cdp = await bob.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    for (let i = 1; i <= 20; i++) await say(ada, `while you were away ${i}`);
    for (let i = 1; i <= 5; i++) await say(bob, `offline line ${i}`);
    await waitForLines(ada, 22);
    // Chromium's offline emulation holds an open WebSocket's frames rather than closing it, as a dead path would.
    // The client notices as it does a stalled path: its lines stay unacknowledged for acks.roomAckTimeout (10 s),
    // so it drops the socket and tries to resume, which fails while offline.
    await bob.waitForSelector('#status[data-state="reconnecting"]', { timeout: 30000 });
    const bobOffline = (await lines(bob)).length;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await waitForLines(bob, 27);
    await waitForLines(ada, 27);
    await bob.waitForSelector('#status[data-state="open"]', { timeout: 30000 });
    const expected = Array.from({ length: 27 }, (_, i) => i + 1);
    assert.deepEqual(await lines(ada), expected, 'Ada got every line once, in order');
    assert.deepEqual(await lines(bob), expected, 'Bob got every line once, in order');
    const bobStates = await bob.evaluate(() => window.chat.events);
    assert.deepEqual(bobStates, ['drop', 'reconnect'], 'the offline page dropped and resumed its session');
    console.log(`offline page: saw ${bobOffline} of 22 lines while offline, events ${JSON.stringify(bobStates)}, then all 27 once each`);
    await ada.screenshot({ path: path.join(artifactsDir(), 'chat-after-offline.png') });
  });
});
