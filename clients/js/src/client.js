// GathoClient: gatho's client state machine and backoff, with protocol v2 lossless resume (docs/js-client.md).
// It mirrors the .NET client (src/Gatho.Client): the same states, events, close causes and v2 rules.
import {
  FrameType, CloseCode, CloseReason, ProtocolViolation,
  decodeProtocolMessage, decodeText, userFrame, leaveFrame, ackFrame, connectUrl, resumeUrl, checkSeatUrl,
} from './protocol.js';
import { resolveOptions, delayFor } from './options.js';
import { OutboundBuffer, InboundAckTracker } from './delivery.js';
import { CloseCause, ClientState, classifyClose, ClientClosedError, OutgoingMessageTooLargeError } from './closing.js';
import { SocketAttempt } from './attempt.js';

const encoder = new TextEncoder();
const eventNames = ['open', 'message', 'drop', 'reconnect', 'authError', 'close', 'error'];
const handlerNames = { open: 'onOpen', message: 'onMessage', drop: 'onDrop', reconnect: 'onReconnect', authError: 'onAuthError', close: 'onClose', error: 'onError' };

/** A connection to one room from a seat URL; reconnects by itself and (v2) resumes without loss or duplicates. */
export class GathoClient {
  constructor(seatUrl, options = {}) {
    checkSeatUrl(seatUrl);
    this.seatUrl = seatUrl;
    this.options = resolveOptions(options);
    this.lossless = this.options.protocolVersion >= 2;
    this.state = ClientState.connecting;
    this.clientId = null;
    this.closeInfo = null;
    this.listeners = new Map(eventNames.map((name) => [name, new Set()]));
    for (const name of eventNames) {
      if (typeof options[handlerNames[name]] === 'function') this.on(name, options[handlerNames[name]]);
    }

    this.outbound = new OutboundBuffer(this.options.maxBufferedBytes);
    this.inbound = new InboundAckTracker(this.options.acks);
    this.current = null;
    this.sessionToken = null;
    this.authErrorSeen = false;
    this.closeRequested = false;
    this.started = false;
    this.retryCount = 0;
    this.openedAt = 0;
    this.awaitingRoomAckSince = null;
    this.timers = { handshake: null, reconnect: null, uptime: null, ack: null, close: null };
    this.stats = { resentFrames: 0, replayedFrames: 0, resumes: 0 };
    this.closed = new Promise((resolve) => { this.resolveClosed = resolve; });
    this.pageHide = () => { if (this.state === ClientState.open) this.close(); };
  }

  get protocolVersion() {
    return this.options.protocolVersion;
  }

  /** Wire bytes of reliable messages kept for (re)sending. */
  get bufferedBytes() {
    return this.outbound.bytes;
  }

  /** Subscribes to an event (open, message, drop, reconnect, authError, close, error); returns the unsubscribe function. */
  on(event, handler) {
    const set = this.listeners.get(event);
    if (!set) throw new TypeError(`unknown event ${JSON.stringify(event)}; events are ${eventNames.join(', ')}`);
    if (typeof handler !== 'function') throw new TypeError(`handler for ${event} must be a function`);
    set.add(handler);
    return () => set.delete(handler);
  }

  off(event, handler) {
    this.listeners.get(event)?.delete(handler);
  }

  /** Dials the room; resolves once the room sent `session`, rejects with ClientClosedError if the client closes first. */
  connect() {
    if (!this.started) {
      this.started = true;
      this.opened = new Promise((resolve, reject) => { this.resolveOpened = resolve; this.rejectOpened = reject; });
      if (this.state === ClientState.connecting) {
        if (this.options.leaveOnPageHide && typeof window !== 'undefined' && window.addEventListener) {
          window.addEventListener('pagehide', this.pageHide);
        }
        this.startAttempt(connectUrl(this.seatUrl, this.options.protocolVersion));
      } else if (this.closeInfo) {
        this.rejectOpened(new ClientClosedError(this.closeInfo));
      }
    }

    return this.opened;
  }

  /**
   * Sends text (string) or bytes (Uint8Array, ArrayBuffer). Reliable by default; an unreliable message is sent only
   * while open and never buffered. Returns false when the message was dropped (unreliable while not open, or closed).
   */
  send(data, { reliable = true } = {}) {
    const isText = typeof data === 'string';
    let body = data;
    if (!isText) {
      if (data instanceof ArrayBuffer) body = new Uint8Array(data);
      else if (ArrayBuffer.isView(data)) body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      else throw new TypeError(`send takes a string, Uint8Array or ArrayBuffer, got ${Object.prototype.toString.call(data)}`);
    }

    if (this.state === ClientState.closed || (this.closeRequested && this.state === ClientState.open)) return false;
    if (!reliable && this.state !== ClientState.open) return false;

    const bytes = isText ? encoder.encode(body) : body;
    const type = isText
      ? (reliable || !this.lossless ? FrameType.text : FrameType.unreliableText)
      : (reliable || !this.lossless ? FrameType.bytes : FrameType.unreliableBytes);
    const frame = userFrame(type, bytes);
    if (frame.length > this.options.maxSendMessageBytes) {
      throw new OutgoingMessageTooLargeError(frame.length, this.options.maxSendMessageBytes, "the room's message limit (maxSendMessageBytes)");
    }

    if (reliable && (this.lossless || this.state !== ClientState.open) && frame.length > this.options.maxBufferedBytes) {
      throw new OutgoingMessageTooLargeError(frame.length, this.options.maxBufferedBytes, "the client's outbound buffer (maxBufferedBytes)");
    }

    const live = this.state === ClientState.open ? this.current : null;
    if (!reliable || (!this.lossless && live)) {
      // Unreliable, or v1 while open: written once, kept nowhere — exactly gatho's "reliable".
      live.send(frame);
      return true;
    }

    if (!this.outbound.add(frame)) {
      this.enterClosed({ code: CloseCode.messageTooBig, reason: CloseReason.outboundBufferOverflow, cause: CloseCause.bufferOverflow });
      return false;
    }

    if (live) {
      live.send(frame);
      this.awaitingRoomAckSince ??= Date.now();
    }

    return true;
  }

  /**
   * Leaves: open → `leave` then close 4000 (the room runs OnLeave at once); connecting or reconnecting → closed at
   * once (the room's reconnection window then runs out). Resolves with the close info.
   */
  close() {
    switch (this.state) {
      case ClientState.connecting:
        this.closeRequested = true;
        this.enterClosed({ code: CloseCode.consented, reason: CloseReason.clientClosedDuringConnect, cause: CloseCause.consented });
        break;
      case ClientState.reconnecting:
        this.closeRequested = true;
        this.enterClosed({ code: CloseCode.consented, reason: CloseReason.clientClosedDuringReconnection, cause: CloseCause.consented });
        break;
      case ClientState.open:
        if (!this.closeRequested) {
          this.closeRequested = true;
          this.current.send(leaveFrame);
          this.current.closeGracefully(CloseCode.consented, CloseReason.consentedLeave);
          // A room that never answers the close handshake must not keep the client open.
          this.timers.close = setTimeout(() => this.enterClosed({ code: CloseCode.consented, reason: CloseReason.consentedLeave, cause: CloseCause.consented }), this.options.closeTimeout);
        }
        break;
      default:
        break;
    }

    return this.closed;
  }

  // ---- socket attempts -------------------------------------------------------------------------------------------

  startAttempt(url) {
    this.authErrorSeen = false;
    const attempt = new SocketAttempt(this.options.WebSocket, url, this);
    this.current = attempt;
    this.timers.handshake = setTimeout(() => attempt.abort(CloseReason.handshakeTimedOut), this.options.handshakeTimeout);
  }

  /** A binary message from `attempt` (SocketAttempt calls this only for the current attempt). */
  onFrame(attempt, frame) {
    try {
      if (frame.length === 0) throw new ProtocolViolation('the room sent an empty frame');
      const type = frame[0];
      const payload = frame.subarray(1);
      if (type === FrameType.protocol) {
        this.onProtocolMessage(attempt, decodeProtocolMessage(payload));
        return;
      }

      const reliable = type === FrameType.text || type === FrameType.bytes;
      const known = reliable || (this.lossless && (type === FrameType.unreliableText || type === FrameType.unreliableBytes));
      if (!known) throw new ProtocolViolation(`the room sent frame type ${type}, unknown in protocol v${this.protocolVersion}`);
      const isText = type === FrameType.text || type === FrameType.unreliableText;
      const data = isText ? decodeText(payload) : payload.slice();
      this.onUserMessage(attempt, data, reliable, frame.length);
    } catch (error) {
      if (!(error instanceof ProtocolViolation)) throw error;
      this.closeForViolation(error);
    }
  }

  onUserMessage(attempt, data, reliable, wireBytes) {
    if (this.state === ClientState.open && this.awaitingRoomAckSince !== null) {
      // The room is sending: a client far behind in reading a busy room is not judged dead.
      this.awaitingRoomAckSince = Date.now();
    }

    if (this.lossless && reliable) {
      if (this.state === ClientState.reconnecting) this.stats.replayedFrames += 1;
      // While resuming, replayed frames are acknowledged once the session is back (see onSession).
      if (this.inbound.onReliableFrame(wireBytes) && this.state === ClientState.open) this.sendAck(attempt);
    }

    this.emit('message', data, { reliable });
  }

  onProtocolMessage(attempt, message) {
    switch (message.kind) {
      case 'session':
        this.onSession(attempt, message);
        break;
      case 'auth_error':
        this.onAuthError(attempt, message.error);
        break;
      case 'ack':
        if (!this.lossless) throw new ProtocolViolation('the room sent an ack on a protocol v1 connection');
        this.outbound.acknowledge(message.seq);
        this.awaitingRoomAckSince = this.state === ClientState.open && this.outbound.count > 0 ? Date.now() : null;
        break;
      default:
        // leave is client → room only; like the room, ignore protocol messages that are not ours.
        break;
    }
  }

  onSession(attempt, session) {
    this.clearTimer('handshake');
    this.sessionToken = session.token;
    if (this.state === ClientState.connecting) {
      this.clientId = session.clientId;
      this.state = ClientState.open;
      this.markOpen();
      this.flushOutbound(attempt, false);
      this.emit('open');
      this.resolveOpened?.();
    } else if (this.state === ClientState.reconnecting) {
      // The room replayed its frames and sent ack{m} before this: what is still held goes out again, in order,
      // before anything sent from now on.
      this.clientId = session.clientId;
      this.state = ClientState.open;
      this.retryCount = 0;
      this.stats.resumes += 1;
      this.markOpen();
      this.flushOutbound(attempt, true);
      if (this.lossless && this.inbound.hasUnreported) this.sendAck(attempt);
      this.emit('reconnect');
    }
    // Otherwise a fresh token on a live connection: kept for the next resume.
  }

  onAuthError(attempt, error) {
    this.authErrorSeen = true;
    if (this.state === ClientState.connecting) {
      // gatho: report it and stay connecting; the room's 4000 close that follows ends the client (cause auth).
      this.emit('authError', error);
    } else if (this.state === ClientState.reconnecting) {
      this.enterClosed({ code: CloseCode.consented, reason: CloseReason.sessionRejected, cause: CloseCause.session });
    }
  }

  /** The current attempt's socket closed (or was aborted) with `code` and `reason`. */
  onSocketClosed(attempt, code, reason) {
    if (attempt !== this.current || this.state === ClientState.closed) return;
    this.current = null;
    this.clearTimer('handshake');
    const decision = classifyClose({
      state: this.state, code, reason, closeRequested: this.closeRequested, authErrorSeen: this.authErrorSeen, hasSession: this.sessionToken !== null,
    });
    if (decision.resume) this.onDrop(code, reason);
    else this.enterClosed(decision.info);
  }

  // ---- reconnection ----------------------------------------------------------------------------------------------

  onDrop(code, reason) {
    if (this.state === ClientState.open) {
      this.state = ClientState.reconnecting;
      if (Date.now() - this.openedAt >= this.options.reconnection.minUptime) this.retryCount = 0;
      this.clearTimer('uptime');
      this.awaitingRoomAckSince = null;
      this.emit('drop', { code, reason });
    }

    if (this.state === ClientState.reconnecting) this.scheduleReconnect();
  }

  scheduleReconnect() {
    const policy = this.options.reconnection;
    if (this.retryCount >= policy.maxAttempts) {
      this.enterClosed({ code: CloseCode.abnormal, reason: CloseReason.reconnectionAttemptsExhausted, cause: CloseCause.reconnectFailed });
      return;
    }

    this.retryCount += 1;
    const delay = delayFor(policy, this.retryCount, this.options.random());
    this.clearTimer('reconnect');
    this.timers.reconnect = setTimeout(() => {
      this.timers.reconnect = null;
      if (this.state !== ClientState.reconnecting || this.current) return;
      // v2: the URL tells the room the highest frame processed, so it replays exactly what came after it.
      const url = this.lossless
        ? resumeUrl(this.seatUrl, this.sessionToken, this.protocolVersion, this.inbound.report())
        : resumeUrl(this.seatUrl, this.sessionToken, 1);
      this.startAttempt(url);
    }, delay);
  }

  markOpen() {
    this.openedAt = Date.now();
    this.awaitingRoomAckSince = this.outbound.count > 0 ? Date.now() : null;
    this.clearTimer('uptime');
    this.timers.uptime = setTimeout(() => { if (this.state === ClientState.open) this.retryCount = 0; }, this.options.reconnection.minUptime);
    if (this.lossless && !this.timers.ack) this.timers.ack = setInterval(() => this.onAckDue(), this.options.acks.interval);
  }

  flushOutbound(attempt, resuming) {
    for (const frame of this.outbound) {
      if (resuming) this.stats.resentFrames += 1;
      attempt.send(frame);
    }

    if (!this.lossless) this.outbound.clear();
  }

  sendAck(attempt) {
    attempt.send(ackFrame(this.inbound.report()));
  }

  onAckDue() {
    if (this.state !== ClientState.open || !this.current) return;
    if (this.inbound.hasUnreported) this.sendAck(this.current);
    const timeout = this.options.acks.roomAckTimeout;
    if (timeout > 0 && this.awaitingRoomAckSince !== null && Date.now() - this.awaitingRoomAckSince >= timeout) {
      this.awaitingRoomAckSince = null;
      // Reported like any broken socket: a drop (1006) and a resume that resends what is held.
      this.current.abort(`the room acknowledged nothing for ${timeout / 1000} s`);
    }
  }

  // ---- closing ---------------------------------------------------------------------------------------------------

  closeForViolation(error) {
    this.emit('error', error);
    this.enterClosed({ code: CloseCode.protocolError, reason: CloseReason.protocolError, cause: CloseCause.protocolError });
  }

  enterClosed(info) {
    if (this.state === ClientState.closed) return;
    this.state = ClientState.closed;
    this.closeInfo = info;
    for (const name of Object.keys(this.timers)) this.clearTimer(name);
    if (this.current) {
      const attempt = this.current;
      this.current = null;
      attempt.shutdown(info.code, info.reason);
    }

    if (typeof window !== 'undefined' && window.removeEventListener) window.removeEventListener('pagehide', this.pageHide);
    this.outbound.clear();
    this.emit('close', info);
    this.rejectOpened?.(new ClientClosedError(info));
    this.opened?.catch(() => {});
    this.resolveClosed(info);
  }

  clearTimer(name) {
    const timer = this.timers[name];
    if (timer) {
      if (name === 'ack') clearInterval(timer);
      else clearTimeout(timer);
      this.timers[name] = null;
    }
  }

  emit(event, ...args) {
    for (const handler of [...this.listeners.get(event)]) {
      try {
        handler(...args);
      } catch (error) {
        // A handler that throws is reported through `error` and never stops the client.
        if (event === 'error') console.error('gatho: an error handler threw', error);
        else this.emit('error', error);
      }
    }
  }
}
