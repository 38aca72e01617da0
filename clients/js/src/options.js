// Client options with gatho's defaults (docs/client.md, the .NET client's GathoClientOptions).

/** gatho's backoff: delay = min(initialDelay × backoffFactor^(n−1) × (1 − jitter + 2·jitter·U), maxDelay). */
export const defaultReconnection = Object.freeze({
  initialDelay: 1000,
  backoffFactor: 1.5,
  jitter: 0.5,
  maxDelay: 10000,
  maxAttempts: 10,
  minUptime: 5000,
});

/** Protocol v2 acks: every `interval` ms while frames arrived, at once after `frameThreshold` frames or `byteThreshold` bytes. */
export const defaultAcks = Object.freeze({
  interval: 1000,
  frameThreshold: 32,
  byteThreshold: 64 * 1024,
  // A reliable frame the room has not acknowledged after this long means the path is dead: drop and resume.
  // A browser WebSocket has no ping timeout, so this is how a stalled connection is noticed. 0 turns it off.
  roomAckTimeout: 10000,
});

const mib = 1024 * 1024;

function positive(name, value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
  return value;
}

function nonNegative(name, value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative number, got ${value}`);
  }
  return value;
}

/** Merges the caller's options over the defaults and checks each value, naming the bad one. */
export function resolveOptions(options = {}) {
  const reconnection = { ...defaultReconnection, ...(options.reconnection ?? {}) };
  const acks = { ...defaultAcks, ...(options.acks ?? {}) };
  const protocolVersion = options.protocolVersion ?? 2;
  if (protocolVersion !== 1 && protocolVersion !== 2) {
    throw new RangeError(`protocolVersion must be 1 or 2, got ${protocolVersion}`);
  }

  positive('reconnection.initialDelay', reconnection.initialDelay);
  positive('reconnection.backoffFactor', reconnection.backoffFactor);
  positive('reconnection.maxDelay', reconnection.maxDelay);
  nonNegative('reconnection.minUptime', reconnection.minUptime);
  nonNegative('reconnection.maxAttempts', reconnection.maxAttempts);
  if (!(reconnection.jitter >= 0 && reconnection.jitter < 1)) {
    throw new RangeError(`reconnection.jitter must be in [0, 1), got ${reconnection.jitter}`);
  }

  positive('acks.interval', acks.interval);
  positive('acks.frameThreshold', acks.frameThreshold);
  positive('acks.byteThreshold', acks.byteThreshold);
  nonNegative('acks.roomAckTimeout', acks.roomAckTimeout);

  const WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
  if (typeof WebSocketImpl !== 'function') {
    throw new TypeError('no WebSocket: pass options.WebSocket (Node 20 needs --experimental-websocket or the ws package)');
  }

  return {
    protocolVersion,
    reconnection,
    acks,
    maxBufferedBytes: positive('maxBufferedBytes', options.maxBufferedBytes ?? mib),
    maxSendMessageBytes: positive('maxSendMessageBytes', options.maxSendMessageBytes ?? mib),
    handshakeTimeout: positive('handshakeTimeout', options.handshakeTimeout ?? 10000),
    closeTimeout: positive('closeTimeout', options.closeTimeout ?? 5000),
    leaveOnPageHide: options.leaveOnPageHide ?? true,
    random: options.random ?? Math.random,
    WebSocket: WebSocketImpl,
  };
}

/** The delay before reconnect attempt `attempt` (1-based), jitter applied before the cap as gatho does. */
export function delayFor(policy, attempt, sample) {
  const u = sample >= 0 && sample < 1 ? sample : 0.5;
  const raw = policy.initialDelay * policy.backoffFactor ** (attempt - 1) * (1 - policy.jitter + 2 * policy.jitter * u);
  return Math.min(raw, policy.maxDelay);
}
