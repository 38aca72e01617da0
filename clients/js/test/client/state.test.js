// The client's state machine against a scripted socket: close causes, backoff, the buffer bound, v2 ack rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GathoClient, CloseCause, ClientState, delayFor, defaultReconnection } from '../../src/index.js';
import { ackFrame } from '../../src/protocol.js';
import { FakeSocketFactory } from '../support/fake-socket.js';

const seat = 'ws://room.test:1/?token=t';

async function openClient(options = {}) {
  const fake = new FakeSocketFactory();
  const client = new GathoClient(seat, { WebSocket: fake.WebSocket, reconnection: { initialDelay: 5, maxDelay: 20 }, ...options });
  const events = [];
  for (const e of ['open', 'drop', 'reconnect', 'close', 'error', 'authError']) client.on(e, (arg) => events.push(arg?.cause ? `${e}:${arg.cause}` : e));
  const opened = client.connect();
  fake.last.open();
  fake.last.session();
  await opened;
  return { fake, client, events };
}

describe('client state machine (scripted socket)', () => {
  it('dials the seat with gv=2, resumes with session, gv and ack, and resends what the room has not acknowledged', async () => {
    const { fake, client, events } = await openClient();
    assert.equal(new URL(fake.sockets[0].url).searchParams.get('gv'), '2');
    client.send('a');
    client.send('b');
    fake.last.receive(ackFrame(1));
    fake.last.receive(Uint8Array.of(1, 0x78)); // room frame 1
    const next = fake.next();
    fake.last.drop(1006);
    assert.equal(client.state, ClientState.reconnecting);
    const resume = await next;
    const params = new URL(resume.url).searchParams;
    assert.deepEqual([params.get('session'), params.get('gv'), params.get('ack')], ['tok', '2', '1']);
    resume.open();
    resume.receive(ackFrame(1)); // the room processed 1 of the client's frames
    resume.session('c1', 'tok2');
    assert.deepEqual(resume.userFrames(), [[1, 'b']], 'only the unacknowledged frame is resent');
    assert.deepEqual(events, ['open', 'drop', 'reconnect']);
    assert.equal(client.stats.resentFrames, 1);
    assert.equal((await client.close()).cause, CloseCause.consented);
  });

  for (const [code, reason, cause] of [
    [4000, 'evicted', CloseCause.server],
    [4001, 'resync required', CloseCause.resyncRequired],
    [4002, 'too slow: outbound buffer full', CloseCause.server],
    [1002, 'protocol error', CloseCause.server],
    [1009, 'message too big', CloseCause.server],
    [1001, 'room shutting down', CloseCause.roomStopped],
    [1001, 'server draining, rejoin', CloseCause.draining],
  ]) {
    it(`a ${code} "${reason}" close while open ends the client with cause ${cause}`, async () => {
      const { fake, client } = await openClient();
      fake.last.drop(code, reason);
      assert.deepEqual(await client.closed, { code, reason, cause });
      assert.equal(fake.sockets.length, 1, 'no resume attempt');
    });
  }

  it('an auth_error while resuming closes 4000 "session rejected", cause session', async () => {
    const { fake, client } = await openClient();
    const next = fake.next();
    fake.last.drop(1006);
    const resume = await next;
    resume.open();
    resume.receive(Uint8Array.of(0, 1, 2, 0x6e, 0x6f)); // auth_error{"no"}
    assert.deepEqual(await client.closed, { code: 4000, reason: 'session rejected', cause: CloseCause.session });
  });

  it('gives up after maxAttempts failed resumes: 1006 "reconnection attempts exhausted", cause reconnect-failed', async () => {
    const { fake, client } = await openClient({ reconnection: { initialDelay: 1, maxDelay: 2, maxAttempts: 3 } });
    fake.onSocket = (s) => setTimeout(() => s.drop(1006), 0);
    fake.sockets[0].drop(1006);
    assert.deepEqual(await client.closed, { code: 1006, reason: 'reconnection attempts exhausted', cause: CloseCause.reconnectFailed });
    assert.equal(fake.sockets.length, 4, 'the first socket and 3 attempts');
  });

  it('closes buffer-overflow (1009) once reliable messages kept exceed maxBufferedBytes', async () => {
    const { client } = await openClient({ maxBufferedBytes: 10 });
    assert.equal(client.send('12345'), true); // 6 wire bytes, unacknowledged
    assert.equal(client.send('abcd'), false); // 11 > 10: the client closes instead
    assert.deepEqual(await client.closed, { code: 1009, reason: 'outbound buffer overflow', cause: CloseCause.bufferOverflow });
  });

  it('refuses an ack for frames never sent (protocol-error, 1002)', async () => {
    const { fake, client, events } = await openClient();
    client.send('one');
    fake.last.receive(ackFrame(2));
    assert.deepEqual(await client.closed, { code: 1002, reason: 'protocol error', cause: CloseCause.protocolError });
    assert.ok(events.includes('error'));
  });

  it('refuses unknown frame types and invalid UTF-8, ignores text-opcode messages', async () => {
    const unknown = await openClient();
    unknown.fake.last.receive(Uint8Array.of(9, 1));
    assert.equal((await unknown.client.closed).cause, CloseCause.protocolError);

    const v1 = await openClient({ protocolVersion: 1 });
    v1.fake.last.receive(Uint8Array.of(3, 0x78)); // unreliable text does not exist in v1
    assert.equal((await v1.client.closed).cause, CloseCause.protocolError);

    const utf8 = await openClient();
    utf8.fake.last.receive(Uint8Array.of(1, 0xff, 0xfe));
    assert.equal((await utf8.client.closed).cause, CloseCause.protocolError);

    const text = await openClient();
    text.fake.last.onmessage({ data: 'a text-opcode message' });
    assert.equal(text.client.state, ClientState.open);
    assert.equal((await text.client.close()).cause, CloseCause.consented);
  });

  it('acks the room every frameThreshold frames', async () => {
    const { fake, client } = await openClient({ acks: { frameThreshold: 3 } });
    for (let i = 0; i < 7; i++) fake.last.receive(Uint8Array.of(1, 0x61));
    const acks = fake.last.sent.filter((f) => f[0] === 0 && f[1] === 3).map((f) => f[2]);
    assert.deepEqual(acks, [3, 6]);
    await client.close();
  });

  it('drops and resumes when the room acknowledges nothing for roomAckTimeout', async () => {
    const { fake, client, events } = await openClient({ acks: { interval: 10, roomAckTimeout: 40 } });
    const next = fake.next();
    client.send('unanswered');
    const resume = await next;
    assert.deepEqual(events, ['open', 'drop']);
    resume.open();
    resume.receive(ackFrame(0));
    resume.session();
    assert.deepEqual(resume.userFrames(), [[1, 'unanswered']]);
    assert.equal((await client.close()).cause, CloseCause.consented);
  });

  it("uses gatho's backoff: 1 s × 1.5^(n−1) × (0.5 + U), capped at 10 s after the jitter", () => {
    assert.equal(delayFor(defaultReconnection, 1, 0), 500);
    assert.equal(delayFor(defaultReconnection, 1, 0.5), 1000);
    assert.equal(delayFor(defaultReconnection, 3, 0.5), 2250);
    assert.equal(delayFor(defaultReconnection, 10, 0.99), 10000);
  });

  it('a close while reconnecting ends at once with cause consented', async () => {
    const { fake, client } = await openClient({ reconnection: { initialDelay: 10000 } });
    fake.last.drop(1006);
    assert.deepEqual(await client.close(), { code: 4000, reason: 'client closed during reconnection', cause: CloseCause.consented });
  });
});
