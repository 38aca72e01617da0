// Type declarations for @gatho-net/client (hand-written; the module is plain JavaScript).

/** connecting → open → (reconnecting ⇄ open) → closed. */
export type ClientStateName = 'connecting' | 'open' | 'reconnecting' | 'closed';
export declare const ClientState: Readonly<{ connecting: 'connecting'; open: 'open'; reconnecting: 'reconnecting'; closed: 'closed' }>;

/** gatho's close causes plus the .NET client's that a browser can tell apart. */
export type CloseCauseName =
  | 'consented' | 'auth' | 'session' | 'reconnect-failed' | 'buffer-overflow' | 'initial-connect-failed' | 'server'
  | 'resync-required' | 'draining' | 'room-stopped' | 'protocol-error';
export declare const CloseCause: Readonly<{
  consented: 'consented'; auth: 'auth'; session: 'session'; reconnectFailed: 'reconnect-failed';
  bufferOverflow: 'buffer-overflow'; initialConnectFailed: 'initial-connect-failed'; server: 'server';
  resyncRequired: 'resync-required'; draining: 'draining'; roomStopped: 'room-stopped'; protocolError: 'protocol-error';
}>;

export declare const CloseCode: Readonly<Record<'goingAway' | 'protocolError' | 'abnormal' | 'messageTooBig' | 'internalError' | 'consented' | 'resyncRequired' | 'tooSlow', number>>;
export declare const CloseReason: Readonly<Record<string, string>>;
export declare const FrameType: Readonly<Record<'protocol' | 'text' | 'bytes' | 'unreliableText' | 'unreliableBytes', number>>;

/** How the client closed: the WebSocket close code and reason, and why. */
export interface CloseInfo {
  code: number;
  reason: string;
  cause: CloseCauseName;
}

/** A non-consented socket close while open: the client resumes. */
export interface DropInfo {
  code: number;
  reason: string;
}

export interface MessageInfo {
  /** False for a v2 unreliable frame (0x03/0x04). */
  reliable: boolean;
}

/** gatho's backoff; delay = min(initialDelay × backoffFactor^(n−1) × (1 − jitter + 2·jitter·U), maxDelay) ms. */
export interface ReconnectionPolicy {
  initialDelay: number;
  backoffFactor: number;
  jitter: number;
  maxDelay: number;
  maxAttempts: number;
  minUptime: number;
}

export interface AckPolicy {
  interval: number;
  frameThreshold: number;
  byteThreshold: number;
  /** ms a written reliable frame may wait for the room's ack before the path is judged dead (0: off). */
  roomAckTimeout: number;
}

export interface GathoEvents {
  open: () => void;
  message: (data: string | Uint8Array, info: MessageInfo) => void;
  drop: (drop: DropInfo) => void;
  reconnect: () => void;
  authError: (error: string) => void;
  close: (info: CloseInfo) => void;
  error: (error: unknown) => void;
}

export interface GathoClientOptions {
  /** 2 (default: lossless resume) or 1 (gatho's wire, for gatho rooms). */
  protocolVersion?: 1 | 2;
  reconnection?: Partial<ReconnectionPolicy>;
  acks?: Partial<AckPolicy>;
  /** Wire bytes of reliable messages kept for (re)sending; over it the client closes buffer-overflow. Default 1 MiB. */
  maxBufferedBytes?: number;
  /** The room's message limit; a larger send throws OutgoingMessageTooLargeError. Default 1 MiB. */
  maxSendMessageBytes?: number;
  /** ms to wait for the room's session after dialling. Default 10 000. */
  handshakeTimeout?: number;
  /** ms to wait for the room to answer a consented close. Default 5 000. */
  closeTimeout?: number;
  /** Browser: send leave + 4000 on pagehide while open (gatho does). Default true. */
  leaveOnPageHide?: boolean;
  /** Jitter source, [0, 1). Default Math.random. */
  random?: () => number;
  /** WebSocket constructor. Default globalThis.WebSocket (Node 20: --experimental-websocket). */
  WebSocket?: new (url: string) => WebSocket;
  onOpen?: GathoEvents['open'];
  onMessage?: GathoEvents['message'];
  onDrop?: GathoEvents['drop'];
  onReconnect?: GathoEvents['reconnect'];
  onAuthError?: GathoEvents['authError'];
  onClose?: GathoEvents['close'];
  onError?: GathoEvents['error'];
}

export declare class GathoClient {
  constructor(seatUrl: string, options?: GathoClientOptions);
  readonly seatUrl: string;
  readonly state: ClientStateName;
  /** Null until the room's first session. */
  readonly clientId: string | null;
  readonly protocolVersion: 1 | 2;
  readonly bufferedBytes: number;
  /** Resolves once with how the client closed. */
  readonly closed: Promise<CloseInfo>;
  readonly stats: { resentFrames: number; replayedFrames: number; resumes: number };
  on<E extends keyof GathoEvents>(event: E, handler: GathoEvents[E]): () => void;
  off<E extends keyof GathoEvents>(event: E, handler: GathoEvents[E]): void;
  /** Dials; resolves when the room sent its session, rejects with ClientClosedError if the client closed first. */
  connect(): Promise<void>;
  /** Reliable by default. False when dropped (unreliable while not open, or closed). */
  send(data: string | Uint8Array | ArrayBuffer | ArrayBufferView, options?: { reliable?: boolean }): boolean;
  /** Consented leave; resolves with the close info. */
  close(): Promise<CloseInfo>;
}

export declare class ClientClosedError extends Error {
  readonly info: CloseInfo;
}

export declare class OutgoingMessageTooLargeError extends RangeError {
  readonly bytes: number;
  readonly limit: number;
}

export declare class ProtocolViolation extends Error {}

export declare const defaultReconnection: Readonly<ReconnectionPolicy>;
export declare const defaultAcks: Readonly<AckPolicy>;
export declare function delayFor(policy: ReconnectionPolicy, attempt: number, sample: number): number;
