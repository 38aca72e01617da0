// Starts samples/Chat (one process: server, rooms, SDK, the page) on a free port and Chromium headless; both are
// stopped by pid when the test file ends.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { withTimeout } from './rooms.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export const chromium = process.env.CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? null;

/** Where screenshots go: GATHO_ARTIFACTS_DIR, else clients/js/test-artifacts. */
export function artifactsDir() {
  const dir = process.env.GATHO_ARTIFACTS_DIR ?? path.join(repo, 'clients/js/test-artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function sampleDll(name) {
  const candidates = [
    process.env[`GATHO_${name.toUpperCase()}_DLL`],
    path.join(repo, `samples/${name}/bin/Debug/net10.0/${name}.dll`),
    path.join(repo, `samples/${name}/bin/Release/net10.0/${name}.dll`),
  ];
  return candidates.find((p) => p && existsSync(p)) ?? null;
}

export function browserSkipReason(sample) {
  if (!chromium) return 'chromium is not installed (apt-get install chromium; .ci/run does)';
  if (!sampleDll(sample)) return `samples/${sample} is not built (dotnet build samples/${sample}, or dotnet test Gatho.sln)`;
  return false;
}

/** Runs a program until it prints a line matching `ready`; returns {match, stop}. */
export async function startProgram(command, args, ready, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  const output = [];
  let exited = null;
  const match = await withTimeout(new Promise((resolve, reject) => {
    const onLine = (line) => {
      output.push(line);
      const m = line.match(ready);
      if (m) resolve(m);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.on('exit', (code, signal) => {
      exited = `${command} exited (${code ?? signal})`;
      reject(new Error(`${exited}:\n${output.join('\n')}`));
    });
  }), 90000, `${command} ${args.join(' ')} did not start`);
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid, 'SIGTERM');
    await withTimeout(gone, 15000, `${command} did not stop`).catch(() => process.kill(child.pid, 'SIGKILL'));
  };
  return { match, stop, output, pid: child.pid };
}

export async function launchChromium() {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({
    executablePath: chromium,
    headless: true,
    // Root in a container: no sandbox. The rest keeps Chromium small on a loaded machine.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check'],
  });
}

/** Opens the chat page in its own browser context and joins as `name`; resolves once the page is open. */
export async function joinChat(browser, url, name) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 900, height: 600 });
  await page.goto(url);
  await page.type('#name', name);
  await page.click('#join button');
  await page.waitForSelector('#status[data-state="open"]', { timeout: 30000 });
  return page;
}
