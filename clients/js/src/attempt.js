// One WebSocket the client dialled. Its owner hears frames and exactly one close, and only while it is current:
// once the owner moves on (abort, shutdown) the socket's late events are ignored.
import { CloseCode } from './protocol.js';

export class SocketAttempt {
  constructor(WebSocketImpl, url, owner) {
    this.owner = owner;
    this.done = false;
    this.socket = new WebSocketImpl(url);
    this.socket.binaryType = 'arraybuffer';
    this.socket.onmessage = (event) => {
      if (this.done || this.owner.current !== this) return;
      // Text-opcode messages are not part of the protocol; gatho's client ignores them too.
      if (typeof event.data === 'string') return;
      this.owner.onFrame(this, new Uint8Array(event.data));
    };
    this.socket.onclose = (event) => this.finish(event.code || CloseCode.abnormal, event.reason || '');
    // A failed upgrade or a reset: browsers follow with a 1006 close, but Node 20's WebSocket (undici) fires no close
    // after a refused upgrade, so the error itself ends the attempt (a close that does come is then ignored).
    this.socket.onerror = () => setTimeout(() => this.finish(CloseCode.abnormal, ''), 0);
  }

  get isOpen() {
    return !this.done && this.socket.readyState === 1;
  }

  send(frame) {
    if (this.isOpen) this.socket.send(frame);
  }

  /** Starts the close handshake and keeps listening: the owner hears the close when the room answers it. */
  closeGracefully(code, reason) {
    this.closeSocket(code, reason);
  }

  /** Closes with `code` and `reason` and stops listening; the owner has already moved on. */
  shutdown(code, reason) {
    this.detach();
    this.closeSocket(code, reason);
  }

  closeSocket(code, reason) {
    try {
      if (this.socket.readyState <= 1) this.socket.close(code, reason);
    } catch {
      this.socket.close();
    }
  }

  /**
   * Gives up on this socket now (a handshake that timed out, a path that acknowledges nothing) and reports it as a
   * drop: waiting for a dead path's close handshake could take minutes.
   */
  abort(reason) {
    if (this.done) return;
    this.shutdown(1000, '');
    this.owner.onSocketClosed(this, CloseCode.abnormal, reason);
  }

  detach() {
    this.done = true;
    this.socket.onmessage = null;
    this.socket.onclose = null;
  }

  finish(code, reason) {
    if (this.done) return;
    this.detach();
    this.owner.onSocketClosed(this, code, reason);
  }
}
