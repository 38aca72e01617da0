// The Gatho wire (docs/protocol.md): frame types, URLs and the four packcat protocol messages a client meets.
// Hand-written on purpose: packcat's union is a LEB128 variant index and length-prefixed UTF-8 strings, a few lines;
// user payloads are opaque bytes here (typed messages use @msgpack/msgpack, see typed.js).

/** Byte 0 of every binary WebSocket message. */
export const FrameType = Object.freeze({
  protocol: 0x00,
  text: 0x01,
  bytes: 0x02,
  unreliableText: 0x03,
  unreliableBytes: 0x04,
});

/** Close codes and reasons the room and this client use (docs/protocol.md §7). */
export const CloseCode = Object.freeze({
  goingAway: 1001,
  protocolError: 1002,
  abnormal: 1006,
  messageTooBig: 1009,
  internalError: 1011,
  consented: 4000,
  resyncRequired: 4001,
  tooSlow: 4002,
});

export const CloseReason = Object.freeze({
  consentedLeave: 'consented leave',
  roomShuttingDown: 'room shutting down',
  serverShuttingDown: 'server shutting down',
  serverDraining: 'server draining, rejoin',
  sessionRejected: 'session rejected',
  clientClosedDuringConnect: 'client closed during connect',
  clientClosedDuringReconnection: 'client closed during reconnection',
  reconnectionAttemptsExhausted: 'reconnection attempts exhausted',
  outboundBufferOverflow: 'outbound buffer overflow',
  noSessionToken: 'no session token',
  protocolError: 'protocol error',
  handshakeTimedOut: 'handshake timed out',
});

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** A protocol error in what the room sent: the client closes 1002 (cause protocol-error). */
export class ProtocolViolation extends Error {
  constructor(message) {
    super(message);
    this.name = 'ProtocolViolation';
  }
}

/** UTF-8 text, or a ProtocolViolation when the bytes are not UTF-8. */
export function decodeText(bytes) {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new ProtocolViolation('the room sent a text frame that is not UTF-8');
  }
}

/** One user frame: the type byte then the UTF-8 text or the bytes. */
export function userFrame(type, data) {
  const body = typeof data === 'string' ? encoder.encode(data) : data;
  const frame = new Uint8Array(body.length + 1);
  frame[0] = type;
  frame.set(body, 1);
  return frame;
}

/** `00 02`: leave. */
export const leaveFrame = Uint8Array.of(FrameType.protocol, 2);

/** `00 03 <varuint seq>`: ack{seq} (protocol v2). */
export function ackFrame(seq) {
  const out = [FrameType.protocol, 3];
  writeVarUint(out, seq);
  return Uint8Array.from(out);
}

function writeVarUint(out, value) {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }

  varUint() {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 5; i++) {
      if (this.at >= this.bytes.length) throw new ProtocolViolation('truncated varuint');
      const b = this.bytes[this.at++];
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (value > 0xffffffff) throw new ProtocolViolation('varuint over 32 bits');
        return value;
      }
      scale *= 0x80;
    }
    throw new ProtocolViolation('varuint longer than 5 bytes');
  }

  string() {
    const length = this.varUint();
    if (this.at + length > this.bytes.length) throw new ProtocolViolation('truncated string');
    const text = decodeText(this.bytes.subarray(this.at, this.at + length));
    this.at += length;
    return text;
  }
}

/**
 * Decodes a protocol message payload (after the 00 byte): `{kind:'session', clientId, token}`,
 * `{kind:'auth_error', error}`, `{kind:'leave'}`, `{kind:'ack', seq}`; an unknown variant is `{kind:'unknown'}` (ignored,
 * as gatho does). Malformed bytes throw ProtocolViolation.
 */
export function decodeProtocolMessage(payload) {
  const reader = new Reader(payload);
  const index = reader.varUint();
  switch (index) {
    case 0: {
      const clientId = reader.string();
      const token = reader.string();
      return { kind: 'session', clientId, token };
    }
    case 1:
      return { kind: 'auth_error', error: reader.string() };
    case 2:
      return { kind: 'leave' };
    case 3:
      return { kind: 'ack', seq: reader.varUint() };
    default:
      return { kind: 'unknown', index };
  }
}

/** Encodes session{clientId, token} (for tests and fakes). */
export function sessionFrame(clientId, token) {
  const out = [FrameType.protocol, 0];
  for (const text of [clientId, token]) {
    const bytes = encoder.encode(text);
    writeVarUint(out, bytes.length);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

/** The seat URL with `name=value` set (replacing an earlier value, keeping the other parameters). */
export function withParameter(url, name, value) {
  const parsed = new URL(url);
  parsed.searchParams.set(name, String(value));
  return parsed.toString();
}

/** First connect: `gv=<version>`. */
export function connectUrl(seatUrl, version) {
  return withParameter(seatUrl, 'gv', version);
}

/** Resume: `session=<token>&gv=<version>` and, for v2, `ack=<n>`. */
export function resumeUrl(seatUrl, token, version, ack) {
  let url = withParameter(seatUrl, 'session', token);
  url = withParameter(url, 'gv', version);
  return version >= 2 ? withParameter(url, 'ack', ack) : url;
}

/** Checks a seat URL as the .NET client does: ws:// or wss://, a host, no fragment. */
export function checkSeatUrl(seatUrl) {
  if (typeof seatUrl !== 'string' || seatUrl.length === 0) {
    throw new TypeError(`seat URL must be a non-empty string, got ${JSON.stringify(seatUrl)}`);
  }

  let parsed;
  try {
    parsed = new URL(seatUrl);
  } catch {
    throw new TypeError(`seat URL ${JSON.stringify(seatUrl)} is not an absolute URL`);
  }

  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    const ws = seatUrl.replace(/^http/, 'ws');
    throw new TypeError(`seat URL ${JSON.stringify(seatUrl)} is not a WebSocket URL; use ${JSON.stringify(ws)}`);
  }

  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new TypeError(`seat URL ${JSON.stringify(seatUrl)} must start with ws:// or wss://`);
  }

  if (parsed.hash) {
    throw new TypeError(`seat URL ${JSON.stringify(seatUrl)} must not have a fragment`);
  }
}
