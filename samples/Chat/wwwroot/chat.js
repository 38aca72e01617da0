// The chat page: join with a name (POST /api/join mints a seat), then talk to the room with the Gatho JS client.
// The client keeps the seat through a network drop and (protocol v2) resumes without losing or doubling a line.
import { GathoClient } from './gatho/index.js';

const $ = (id) => document.getElementById(id);
const members = new Map();
// For tests and the curious: every message line number received, in order (window.chat.lines).
window.chat = { lines: [], client: null };

function setStatus(state) {
  $('status').dataset.state = state;
  $('status').textContent = state;
}

function renderPresent() {
  const list = $('present');
  list.replaceChildren(...[...members.values()].map((m) => {
    const li = document.createElement('li');
    li.dataset.id = m.id;
    li.dataset.online = String(m.online);
    li.textContent = m.name + (m.id === window.chat.you ? ' (you)' : '') + (m.online ? '' : ' (away)');
    return li;
  }));
}

function addLine(line) {
  const li = document.createElement('li');
  li.dataset.n = line.n;
  const who = document.createElement('b');
  who.textContent = line.name;
  li.append(who, document.createTextNode(line.text));
  $('messages').append(li);
  li.scrollIntoView({ block: 'end' });
  window.chat.lines.push(line.n);
}

function addEvent(text) {
  const li = document.createElement('li');
  li.className = 'event';
  li.textContent = text;
  $('messages').append(li);
}

function onEvent(event) {
  switch (event.type) {
    case 'welcome':
      window.chat.you = event.you;
      members.clear();
      for (const m of event.present) members.set(m.id, m);
      for (const line of event.history) addLine(line);
      break;
    case 'join':
      if (!members.has(event.id)) addEvent(`${event.name} joined`);
      members.set(event.id, { id: event.id, name: event.name, online: true });
      break;
    case 'away':
    case 'back': {
      const m = members.get(event.id);
      if (m) m.online = event.type === 'back';
      break;
    }
    case 'leave':
      addEvent(`${members.get(event.id)?.name ?? 'someone'} left`);
      members.delete(event.id);
      break;
    case 'message':
      addLine(event);
      break;
    default:
      break;
  }
  renderPresent();
}

$('join').addEventListener('submit', async (e) => {
  e.preventDefault();
  const response = await fetch('api/join', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: $('name').value }),
  });
  if (!response.ok) {
    setStatus(`refused: ${(await response.json()).error}`);
    return;
  }

  const seat = await response.json();
  const client = new GathoClient(seat.url, {
    onOpen: () => setStatus('open'),
    onDrop: () => setStatus('reconnecting'),
    onReconnect: () => setStatus('open'),
    onClose: (info) => setStatus('closed'),
    onMessage: (data) => { if (typeof data === 'string') onEvent(JSON.parse(data)); },
  });
  window.chat.client = client;
  setStatus('connecting');
  $('join').hidden = true;
  $('chat').hidden = false;
  await client.connect();
  $('text').focus();
});

$('say').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  // Sent even while reconnecting: the client keeps it and delivers it once the session is back.
  if (text && window.chat.client) window.chat.client.send(JSON.stringify({ text }));
  $('text').value = '';
});
