import type { GathoClient, MessageInfo } from './index.js';

/** FNV-1a 32-bit over the UTF-8 of a message type's full name, as Gatho.NET computes ids. */
export declare function messageId(fullName: string): number;

/** Members in wire order (`['seq', 'text']`), or a custom mapping between a value and its body array. */
export type MessageShape<T = any> = readonly string[] | { toBody(value: T): unknown[]; fromBody(body: unknown[]): T };

export declare class InvalidMessageError extends Error {
  readonly id: number | undefined;
}

export declare class MessageRegistry {
  /** Registers a type by id (or by full name, hashed with messageId); returns the id. */
  register<T = any>(idOrFullName: number | string, name: string, shape: MessageShape<T>): number;
  /** MessagePack [id, body]. */
  encode(name: string, value: unknown): Uint8Array;
  decode(bytes: Uint8Array): { id: number; name: string; value: any };
}

export declare class TypedChannel {
  constructor(client: GathoClient, registry: MessageRegistry);
  send(name: string, value: unknown, options?: { reliable?: boolean }): boolean;
  on(name: 'invalid', handler: (error: InvalidMessageError, bytes: Uint8Array) => void): () => void;
  on(name: 'other', handler: (text: string, info: MessageInfo) => void): () => void;
  on(name: string, handler: (value: any, info: MessageInfo) => void): () => void;
  dispose(): void;
}
