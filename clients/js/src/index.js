// @gatho-net/client: a plain ES module for browsers (<script type="module">, no bundler) and Node 20+.
export { GathoClient } from './client.js';
export { CloseCause, ClientState, ClientClosedError, OutgoingMessageTooLargeError } from './closing.js';
export { CloseCode, CloseReason, FrameType, ProtocolViolation } from './protocol.js';
export { defaultReconnection, defaultAcks, delayFor } from './options.js';
