// Text, bytes, unreliable and typed messages against real Gatho.NET rooms; auth errors; consented close.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GathoClient, CloseCause, ClientState, ClientClosedError, OutgoingMessageTooLargeError } from '../../src/index.js';
import { MessageRegistry, TypedChannel, messageId } from '../../src/typed.js';
import { startRooms, skipReason, nextEvent, withTimeout } from '../support/rooms.js';

const fast = { reconnection: { initialDelay: 20, maxDelay: 200 } };

function collect(client, count, ms = 10000) {
  const got = [];
  return withTimeout(new Promise((resolve) => {
    client.on('message', (data, info) => {
      got.push({ data, ...info });
      if (got.length === count) resolve(got);
    });
  }), ms, `expected ${count} messages`);
}

describe('messages against a real room', { skip: skipReason }, () => {
  let rooms;
  before(async () => { rooms = await startRooms(); });
  after(async () => { await rooms?.stop(); });

  it('echoes text and bytes both ways, reliable and unreliable, in order (v2)', async () => {
    const client = new GathoClient(await rooms.seat('echo', 'text-bytes'), fast);
    await client.connect();
    assert.equal(client.state, ClientState.open);
    assert.equal(client.clientId, 'text-bytes');
    const echoes = collect(client, 4);
    client.send('hello, 世界');
    client.send(Uint8Array.of(0, 255, 7));
    client.send('quick', { reliable: false });
    client.send(new Uint8Array([9, 8]).buffer, { reliable: false });
    const got = await echoes;
    assert.deepEqual(got[0], { data: 'hello, 世界', reliable: true });
    assert.deepEqual([...got[1].data], [0, 255, 7]);
    assert.equal(got[1].reliable, true);
    assert.deepEqual(got[2], { data: 'quick', reliable: false });
    assert.deepEqual([...got[3].data], [9, 8]);
    assert.equal(got[3].reliable, false);
    await client.close();
  });

  it('speaks protocol v1 when asked (gatho wire: no acks, unreliable sent as ordinary frames)', async () => {
    const client = new GathoClient(await rooms.seat('echo', 'v1-client'), { ...fast, protocolVersion: 1 });
    await client.connect();
    await rooms.waitForEvent('join:v1-client:v1');
    const echoes = collect(client, 2);
    client.send('one');
    client.send('two', { reliable: false });
    const got = await echoes;
    assert.deepEqual(got.map((m) => [m.data, m.reliable]), [['one', true], ['two', true]]);
    await client.close();
  });

  it('buffers reliable sends made before the session and sends them first, in order', async () => {
    const client = new GathoClient(await rooms.seat('echo', 'early'), fast);
    assert.equal(client.send('before-1'), true);
    assert.equal(client.send('unreliable-before', { reliable: false }), false);
    client.send('before-2');
    const echoes = collect(client, 3);
    await client.connect();
    client.send('after');
    assert.deepEqual((await echoes).map((m) => m.data), ['before-1', 'before-2', 'after']);
    await client.close();
  });

  it('sends and receives typed [id, body] messages through @msgpack/msgpack', async () => {
    const registry = new MessageRegistry();
    // Members in wire order (docs/authoring.md): Shout(Seq, Text, Volume, From), Speaker(Name, Tags), Echoed(Seq, Text, ClientId, Heard).
    const shoutId = registry.register('TypedEcho.Shout', 'Shout', {
      toBody: (s) => [s.seq, s.text, s.volume, s.from ? [s.from.name, s.from.tags] : null],
      fromBody: ([seq, text, volume, from]) => ({ seq, text, volume, from: from && { name: from[0], tags: from[1] } }),
    });
    registry.register(messageId('TypedEcho.Echoed'), 'Echoed', ['seq', 'text', 'clientId', 'heard']);
    assert.equal(shoutId, messageId('TypedEcho.Shout'));
    const client = new GathoClient(await rooms.seat('typed', 'typed-1'), fast);
    const typed = new TypedChannel(client, registry);
    const echoed = [];
    const both = withTimeout(new Promise((resolve) => typed.on('Echoed', (e) => { echoed.push(e); if (echoed.length === 2) resolve(); })), 10000, 'no Echoed');
    const other = new Promise((resolve) => typed.on('other', resolve));
    await client.connect();
    typed.send('Shout', { seq: 1, text: 'hi there', volume: 1, from: { name: 'ada', tags: ['x'] } });
    typed.send('Shout', { seq: 2, text: 'quiet', volume: 0, from: null }, { reliable: false });
    client.send('raw text still works');
    await both;
    assert.deepEqual(echoed[0], { seq: 1, text: 'HI THERE', clientId: 'typed-1', heard: 1 });
    assert.deepEqual(echoed[1], { seq: 2, text: 'quiet', clientId: 'typed-1', heard: 2 });
    assert.equal(await other, 'raw text still works');

    // An id the page does not know is reported, and the connection stays up.
    const invalid = new Promise((resolve) => typed.on('invalid', resolve));
    client.send(Uint8Array.of(0x92, 0x07, 0x90)); // [7, []]: the room echoes raw bytes back
    const error = await withTimeout(invalid, 10000, 'no invalid');
    assert.match(error.message, /unknown message id 7/);
    assert.equal(client.state, ClientState.open);
    await client.close();
  });

  it('refuses one message larger than the room accepts, and carries on', async () => {
    const client = new GathoClient(await rooms.seat('echo', 'too-big'), fast);
    await client.connect();
    assert.throws(() => client.send(new Uint8Array(1024 * 1024)), OutgoingMessageTooLargeError);
    const echo = collect(client, 1);
    client.send('still here');
    assert.equal((await echo)[0].data, 'still here');
    await client.close();
  });

  it('an OnAuth refusal raises authError, then closes with cause auth; connect() rejects', async () => {
    const client = new GathoClient(await rooms.seat('echo', 'refuse-me'), fast);
    const authError = nextEvent(client, 'authError');
    await assert.rejects(client.connect(), (e) => e instanceof ClientClosedError && e.info.cause === CloseCause.auth);
    assert.deepEqual(await authError, ['refused by the test room']);
    assert.deepEqual(await client.closed, { code: 4000, reason: 'auth rejected', cause: CloseCause.auth });
  });

  it('a seat used twice is refused with auth_error "seat already in use"', async () => {
    const seat = await rooms.seat('echo', 'twice');
    const first = new GathoClient(seat, fast);
    await first.connect();
    const second = new GathoClient(seat, fast);
    const authError = nextEvent(second, 'authError');
    await assert.rejects(second.connect(), ClientClosedError);
    assert.deepEqual(await authError, ['seat already in use']);
    assert.equal((await second.closed).cause, CloseCause.auth);
    await first.close();
  });

  it('a seat the room refuses at the upgrade (bad signature, expired) closes initial-connect-failed', async () => {
    const seat = await rooms.seat('echo', 'tampered');
    const tampered = seat.slice(0, -3) + (seat.endsWith('AAA') ? 'BBB' : 'AAA');
    const client = new GathoClient(tampered, fast);
    await assert.rejects(client.connect(), ClientClosedError);
    const info = await client.closed;
    assert.equal(info.cause, CloseCause.initialConnectFailed);
    assert.equal(info.code, 1006);

    const expired = new GathoClient(await rooms.seat('echo', 'expired', { ttl: -60 }), fast);
    await assert.rejects(expired.connect(), ClientClosedError);
    assert.equal((await expired.closed).cause, CloseCause.initialConnectFailed);
  });

  it('close() leaves by consent: leave + 4000, the room runs OnLeave at once, cause consented', async () => {
    const client = new GathoClient(await rooms.seat('echo', 'leaver'), fast);
    const closeEvent = nextEvent(client, 'close');
    await client.connect();
    const info = await client.close();
    assert.deepEqual(info, { code: 4000, reason: 'consented leave', cause: CloseCause.consented });
    assert.deepEqual(await closeEvent, [info]);
    await rooms.waitForEvent('leave:leaver');
    assert.ok(!rooms.events.includes('drop:leaver:4000'), 'a consented leave is not a drop');
    assert.equal(client.state, ClientState.closed);
    assert.equal(client.send('after close'), false);
  });

  it('close() while connecting closes at once with cause consented', async () => {
    const client = new GathoClient(await rooms.seat('echo', 'impatient'), fast);
    const connecting = client.connect();
    const info = await client.close();
    assert.deepEqual(info, { code: 4000, reason: 'client closed during connect', cause: CloseCause.consented });
    await assert.rejects(connecting, ClientClosedError);
  });

  it('checks its arguments, naming the bad value', () => {
    assert.throws(() => new GathoClient('http://127.0.0.1:1/?token=x'), /use "ws:\/\/127.0.0.1:1\/\?token=x"/);
    assert.throws(() => new GathoClient('ws://h/#frag'), /fragment/);
    assert.throws(() => new GathoClient('ws://h/', { protocolVersion: 3 }), /protocolVersion must be 1 or 2, got 3/);
    assert.throws(() => new GathoClient('ws://h/', { maxBufferedBytes: -1 }), /maxBufferedBytes must be a positive number, got -1/);
    const client = new GathoClient('ws://h/');
    assert.throws(() => client.send(42), /send takes a string, Uint8Array or ArrayBuffer/);
    assert.throws(() => client.on('nope', () => {}), /unknown event "nope"/);
    assert.throws(() => new MessageRegistry().register(-1, 'X', []), /message id must be an integer/);
  });
});
