// Starts tests/Gatho.Browser.Rooms (real Gatho.Room rooms on loopback) and mints seats through its stdin.
// The process is stopped by its pid when the test file ends.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The fixture's dll: GATHO_BROWSER_ROOMS_DLL, else the Debug build; null (tests skip, saying why) when not built. */
export function roomsDll() {
  const candidates = [
    process.env.GATHO_BROWSER_ROOMS_DLL,
    path.join(repo, 'tests/Gatho.Browser.Rooms/bin/Debug/net10.0/Gatho.Browser.Rooms.dll'),
    path.join(repo, 'tests/Gatho.Browser.Rooms/bin/Release/net10.0/Gatho.Browser.Rooms.dll'),
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

export const skipReason = roomsDll() ? false : 'tests/Gatho.Browser.Rooms is not built (dotnet build tests/Gatho.Browser.Rooms, or run dotnet test Gatho.sln)';

/** A running fixture: `urls` {echo, typed}, `seat(room, clientId, {ttl, via})`, `events` (lines), `waitForEvent(text)`. */
export async function startRooms() {
  const child = spawn('dotnet', [roomsDll()], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  const events = [];
  const eventWaiters = [];
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = `the rooms process exited (${code ?? signal})`;
    for (const w of waiting.splice(0)) w.reject(new Error(exited));
  });
  lines.on('line', (line) => {
    if (line.startsWith('event ')) {
      const event = line.slice(6);
      events.push(event);
      for (const w of [...eventWaiters]) {
        if (event === w.event) {
          eventWaiters.splice(eventWaiters.indexOf(w), 1);
          w.resolve();
        }
      }
      return;
    }

    waiting.shift()?.resolve(line);
  });
  const next = () => new Promise((resolve, reject) => (exited ? reject(new Error(exited)) : waiting.push({ resolve, reject })));

  const ready = await withTimeout(next(), 60000, 'the rooms process did not report ready');
  if (!ready.startsWith('ready ')) throw new Error(`unexpected first line from the rooms process: ${ready}`);
  const urls = JSON.parse(ready.slice(6));

  let queue = Promise.resolve();
  const seat = (room, clientId, { ttl = 300, via } = {}) => {
    const result = queue.then(async () => {
      child.stdin.write(`seat ${room} ${clientId} ${ttl}${via ? ` ${via}` : ''}\n`);
      const line = await withTimeout(next(), 10000, 'no seat from the rooms process');
      if (!line.startsWith('seat ')) throw new Error(line);
      return line.slice(5);
    });
    queue = result.catch(() => {});
    return result;
  };

  const waitForEvent = (event, ms = 10000) => {
    if (events.includes(event)) return Promise.resolve();
    return withTimeout(new Promise((resolve) => eventWaiters.push({ event, resolve })), ms, `room event ${event} did not happen; saw ${events.join(', ')}`);
  };

  const stop = async () => {
    if (exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    process.kill(child.pid, 'SIGTERM');
    await withTimeout(gone, 10000, 'the rooms process did not exit').catch(() => process.kill(child.pid, 'SIGKILL'));
  };

  return { urls, seat, events, waitForEvent, stop };
}

export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${message} (after ${ms} ms)`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** Resolves with the first call of `client.on(event)`'s arguments, within `ms`. */
export function nextEvent(client, event, ms = 10000) {
  return withTimeout(new Promise((resolve) => {
    const off = client.on(event, (...args) => { off(); resolve(args); });
  }), ms, `no ${event} event`);
}
