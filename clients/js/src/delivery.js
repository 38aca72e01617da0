// Protocol v2 bookkeeping (DESIGN D2): the reliable frames this client keeps until the room acknowledges them, and
// the count of the room's reliable frames it processed.
import { ProtocolViolation } from './protocol.js';

/** Reliable frames, numbered from 1 for the whole session, kept until acked; bounded by `limit` wire bytes. */
export class OutboundBuffer {
  constructor(limit) {
    this.limit = limit;
    this.frames = [];
    this.head = 0;
    this.bytes = 0;
    this.lastSequence = 0;
    this.acknowledged = 0;
  }

  get count() {
    return this.frames.length - this.head;
  }

  /** Adds a frame; false when the buffer is now over its limit (the client then closes buffer-overflow). */
  add(bytes) {
    this.lastSequence += 1;
    this.frames.push({ seq: this.lastSequence, bytes });
    this.bytes += bytes.length;
    return this.bytes <= this.limit;
  }

  /** Drops frames up to `seq`; a ProtocolViolation for an ack of frames never sent or one that goes backwards. */
  acknowledge(seq) {
    if (seq > this.lastSequence) {
      throw new ProtocolViolation(`the room acknowledged frame ${seq} but the client sent only ${this.lastSequence}`);
    }

    if (seq < this.acknowledged) {
      throw new ProtocolViolation(`the room acknowledged frame ${seq} after acknowledging ${this.acknowledged}`);
    }

    while (this.head < this.frames.length && this.frames[this.head].seq <= seq) {
      this.bytes -= this.frames[this.head].bytes.length;
      this.frames[this.head] = undefined;
      this.head += 1;
    }

    // Compact now and then so the array does not grow with the session.
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }

    this.acknowledged = seq;
  }

  *[Symbol.iterator]() {
    for (let i = this.head; i < this.frames.length; i++) yield this.frames[i].bytes;
  }

  clear() {
    this.frames = [];
    this.head = 0;
    this.bytes = 0;
  }
}

/** The room's reliable frames this client processed, and when the next ack is due. */
export class InboundAckTracker {
  constructor(policy) {
    this.policy = policy;
    this.processed = 0;
    this.reported = 0;
    this.framesSinceAck = 0;
    this.bytesSinceAck = 0;
  }

  get hasUnreported() {
    return this.processed !== this.reported;
  }

  /** Counts one frame; true when an ack is due at once (frame or byte threshold). */
  onReliableFrame(wireBytes) {
    if (this.processed === 0xffffffff) {
      throw new ProtocolViolation('the room sent more reliable frames than protocol v2 can number');
    }

    this.processed += 1;
    this.framesSinceAck += 1;
    this.bytesSinceAck += wireBytes;
    return this.framesSinceAck >= this.policy.frameThreshold || this.bytesSinceAck >= this.policy.byteThreshold;
  }

  report() {
    this.reported = this.processed;
    this.framesSinceAck = 0;
    this.bytesSinceAck = 0;
    return this.processed;
  }
}
