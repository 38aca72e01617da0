// Why a client closed, and which socket closes end it (the .NET client's CloseClassifier, docs/client.md).
import { CloseCode, CloseReason } from './protocol.js';

/** Close causes: gatho's seven plus the .NET client's that a browser can tell apart. */
export const CloseCause = Object.freeze({
  consented: 'consented',
  auth: 'auth',
  session: 'session',
  reconnectFailed: 'reconnect-failed',
  bufferOverflow: 'buffer-overflow',
  initialConnectFailed: 'initial-connect-failed',
  server: 'server',
  resyncRequired: 'resync-required',
  draining: 'draining',
  roomStopped: 'room-stopped',
  protocolError: 'protocol-error',
});

/** Client states: connecting → open → (reconnecting ⇄ open) → closed. */
export const ClientState = Object.freeze({
  connecting: 'connecting',
  open: 'open',
  reconnecting: 'reconnecting',
  closed: 'closed',
});

function terminal(code, reason, cause) {
  return { resume: false, info: { code, reason, cause } };
}

// Closes that end a session whatever the state: the room will not take it back.
function endsSession(code, reason) {
  if (code === CloseCode.goingAway && reason === CloseReason.serverDraining) {
    return terminal(code, reason, CloseCause.draining);
  }

  switch (code) {
    case CloseCode.consented:
    case CloseCode.protocolError:
    case CloseCode.messageTooBig:
    case CloseCode.tooSlow:
      return terminal(code, reason, CloseCause.server);
    case CloseCode.resyncRequired:
      return terminal(code, reason, CloseCause.resyncRequired);
    default:
      return undefined;
  }
}

/**
 * What a socket close means: `{resume: true}` (a drop: resume the session) or `{resume: false, info}` (closed with
 * `info = {code, reason, cause}`).
 */
export function classifyClose({ state, code, reason, closeRequested, authErrorSeen, hasSession }) {
  if (closeRequested) {
    return terminal(CloseCode.consented, CloseReason.consentedLeave, CloseCause.consented);
  }

  // The room is stopping: it will not take the session back, so resuming would only spend the backoff budget.
  if (code === CloseCode.goingAway && (reason === CloseReason.roomShuttingDown || reason === CloseReason.serverShuttingDown)) {
    return terminal(code, reason, CloseCause.roomStopped);
  }

  if (state === ClientState.connecting) {
    if (authErrorSeen) return terminal(code, reason, CloseCause.auth);
    const draining = code === CloseCode.goingAway && reason === CloseReason.serverDraining;
    // gatho never retries a first connect. A browser cannot see why an upgrade was refused (401, 400, 503 and a
    // refused TCP connection all look like 1006), so these are one cause here, unlike the .NET client.
    return terminal(code, reason, draining ? CloseCause.draining : CloseCause.initialConnectFailed);
  }

  if (state === ClientState.reconnecting) {
    if (authErrorSeen) return terminal(CloseCode.consented, CloseReason.sessionRejected, CloseCause.session);
    return endsSession(code, reason) ?? { resume: true };
  }

  return endsSession(code, reason)
    ?? (hasSession ? { resume: true } : terminal(CloseCode.abnormal, CloseReason.noSessionToken, CloseCause.server));
}

/** Raised by connect() when the client closes before it opens; `info` is the close. */
export class ClientClosedError extends Error {
  constructor(info) {
    const remedy = info.cause === CloseCause.auth || info.cause === CloseCause.resyncRequired || info.cause === CloseCause.draining
      ? '; get a new seat from your backend'
      : '';
    super(`the client closed before it opened: ${info.code} ${JSON.stringify(info.reason)} (${info.cause})${remedy}`);
    this.name = 'ClientClosedError';
    this.info = info;
  }
}

/** Send refused one message that could never be delivered (larger than the room's limit or the client's buffer). */
export class OutgoingMessageTooLargeError extends RangeError {
  constructor(bytes, limit, what) {
    super(`a ${bytes}-byte message (wire bytes) is larger than ${what} (${limit} bytes); it was not sent, and the session carries on`);
    this.name = 'OutgoingMessageTooLargeError';
    this.bytes = bytes;
    this.limit = limit;
  }
}
