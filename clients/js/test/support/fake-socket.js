// A scripted WebSocket for state-machine tests: the test plays the room (frames in, closes) and reads what the
// client sent. Timers are real but short (the policies under test are set in milliseconds).
import { sessionFrame } from '../../src/protocol.js';

export class FakeSocketFactory {
  constructor() {
    this.sockets = [];
    const factory = this;
    this.WebSocket = class {
      constructor(url) {
        this.url = url;
        this.readyState = 0;
        this.sent = [];
        this.closedWith = null;
        factory.sockets.push(this);
        factory.onSocket?.(this);
      }

      send(frame) { this.sent.push(Uint8Array.from(frame)); }

      // Like a real socket: the close event follows, asynchronously.
      close(code, reason) {
        this.closedWith = { code, reason };
        this.readyState = 3;
        setTimeout(() => this.onclose?.({ code: code ?? 1005, reason: reason ?? '' }), 0);
      }

      // The room's side.
      open() { this.readyState = 1; this.onopen?.({}); }

      receive(frame) { this.onmessage?.({ data: Uint8Array.from(frame).buffer }); }

      session(clientId = 'c1', token = 'tok') { this.receive(sessionFrame(clientId, token)); }

      drop(code = 1006, reason = '') { this.readyState = 3; this.onclose?.({ code, reason }); }

      /** The user frames sent, as [type, text]. */
      userFrames() {
        const decoder = new TextDecoder();
        return this.sent.filter((f) => f[0] !== 0).map((f) => [f[0], decoder.decode(f.subarray(1))]);
      }
    };
  }

  get last() { return this.sockets.at(-1); }

  /** Resolves with the next socket the client dials. */
  next() {
    return new Promise((resolve) => { this.onSocket = (s) => { this.onSocket = null; resolve(s); }; });
  }
}
