// Typed messages (DESIGN D11, docs/authoring.md): a user binary frame whose payload is the MessagePack array
// [id, body], body an array of the message's members in wire order. Encoding is @msgpack/msgpack's; this module only
// maps ids to names and objects to member arrays. In a browser without a bundler, map "@msgpack/msgpack" to
// node_modules/@msgpack/msgpack/dist.esm/index.mjs with an import map.
import { encode, decode } from '@msgpack/msgpack';

const encoder = new TextEncoder();

/** A message type's id as Gatho.NET computes it: FNV-1a 32-bit over the UTF-8 of its full name ("TicTacToe.PlaceMark"). */
export function messageId(fullName) {
  if (typeof fullName !== 'string' || fullName.length === 0) {
    throw new TypeError(`message type name must be a non-empty string, got ${JSON.stringify(fullName)}`);
  }

  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(fullName)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** An undecodable typed payload: not [id, body], an unknown id, or a body its type refuses. */
export class InvalidMessageError extends Error {
  constructor(message, id) {
    super(message);
    this.name = 'InvalidMessageError';
    this.id = id;
  }
}

function checkId(id) {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
    throw new RangeError(`message id must be an integer in [0, 4294967295], got ${id}`);
  }
}

/**
 * The message types a page knows, by id. `register(idOrFullName, name, shape)` where shape is an array of member
 * names in wire order (`['seq', 'text']` ⇄ `{seq, text}`) or `{ toBody(value) → array, fromBody(array) → value }`.
 */
export class MessageRegistry {
  constructor() {
    this.byId = new Map();
    this.byName = new Map();
  }

  register(idOrFullName, name, shape) {
    const id = typeof idOrFullName === 'string' ? messageId(idOrFullName) : idOrFullName;
    checkId(id);
    if (typeof name !== 'string' || name.length === 0) throw new TypeError(`message name must be a non-empty string, got ${JSON.stringify(name)}`);
    if (this.byId.has(id)) throw new RangeError(`message id ${id} is already registered as ${this.byId.get(id).name}`);
    if (this.byName.has(name)) throw new RangeError(`message name ${JSON.stringify(name)} is already registered with id ${this.byName.get(name).id}`);
    const entry = { id, name, ...codecFor(name, shape) };
    this.byId.set(id, entry);
    this.byName.set(name, entry);
    return id;
  }

  /** The payload bytes ([id, body] in MessagePack) of `value` as the registered type `name`. */
  encode(name, value) {
    const entry = this.byName.get(name);
    if (!entry) throw new RangeError(`no message type named ${JSON.stringify(name)} is registered`);
    return encode([entry.id, entry.toBody(value)]);
  }

  /** `{id, name, value}` for a payload; throws InvalidMessageError for one that is not a registered typed message. */
  decode(bytes) {
    let decoded;
    try {
      decoded = decode(bytes);
    } catch (error) {
      throw new InvalidMessageError(`not MessagePack: ${error.message}`);
    }

    if (!Array.isArray(decoded) || decoded.length !== 2 || !Number.isInteger(decoded[0]) || !Array.isArray(decoded[1])) {
      throw new InvalidMessageError('a typed message is a MessagePack array [id, body]');
    }

    const [id, body] = decoded;
    const entry = this.byId.get(id);
    if (!entry) throw new InvalidMessageError(`unknown message id ${id}`, id);
    try {
      return { id, name: entry.name, value: entry.fromBody(body) };
    } catch (error) {
      throw new InvalidMessageError(`message ${entry.name} (id ${id}) has a body it cannot read: ${error.message}`, id);
    }
  }
}

function codecFor(name, shape) {
  if (Array.isArray(shape)) {
    const members = [...shape];
    return {
      toBody: (value) => members.map((member) => value?.[member] ?? null),
      // Version tolerance as the room does it: trailing members it does not know are skipped, missing ones are null.
      fromBody: (body) => Object.fromEntries(members.map((member, i) => [member, i < body.length ? body[i] : null])),
    };
  }

  if (shape && typeof shape.toBody === 'function' && typeof shape.fromBody === 'function') {
    return { toBody: shape.toBody, fromBody: shape.fromBody };
  }

  throw new TypeError(`message ${name}: shape must be an array of member names or {toBody, fromBody}`);
}

/**
 * Typed messages over a GathoClient: `send(name, value, {reliable})`, `on(name, handler)`, `on('invalid', handler)`
 * for a typed payload it cannot read (the connection stays up), `on('other', handler)` for text and untyped bytes.
 */
export class TypedChannel {
  constructor(client, registry) {
    this.client = client;
    this.registry = registry;
    this.handlers = new Map();
    this.unsubscribe = client.on('message', (data, info) => this.onMessage(data, info));
  }

  send(name, value, options) {
    return this.client.send(this.registry.encode(name, value), options);
  }

  on(name, handler) {
    if (typeof handler !== 'function') throw new TypeError(`handler for ${name} must be a function`);
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name).add(handler);
    return () => this.handlers.get(name).delete(handler);
  }

  onMessage(data, info) {
    if (typeof data === 'string') {
      this.raise('other', data, info);
      return;
    }

    let message;
    try {
      message = this.registry.decode(data);
    } catch (error) {
      if (!(error instanceof InvalidMessageError)) throw error;
      this.raise('invalid', error, data);
      return;
    }

    this.raise(message.name, message.value, info);
  }

  raise(name, ...args) {
    for (const handler of [...(this.handlers.get(name) ?? [])]) handler(...args);
  }

  dispose() {
    this.unsubscribe();
  }
}
