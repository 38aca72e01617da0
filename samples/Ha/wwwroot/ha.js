// Everything goes through the front door's origin: the API under /api, the room under /room/<port>/.
import { GathoClient } from './gatho/index.js';

const $ = (id) => document.getElementById(id);
window.ha = { pongs: [], seatUrl: null, client: null };

async function showServers() {
  const servers = await (await fetch('api/servers')).json();
  $('servers').textContent = servers.map((s) => s.serverId.slice(0, 8)).join(', ') || 'none';
  window.ha.servers = servers.map((s) => s.serverId);
}

$('create').addEventListener('click', async () => {
  const response = await fetch('api/rooms', { method: 'POST' });
  const created = await response.json();
  if (!response.ok) {
    $('status').textContent = `refused: ${created.error}`;
    return;
  }

  window.ha.client?.close();
  window.ha.seatUrl = created.seat.url;
  window.ha.serverId = created.serverId;
  const client = new GathoClient(created.seat.url, {
    onOpen: () => { $('status').dataset.state = 'open'; $('status').textContent = `in room ${created.roomId.slice(0, 8)}`; $('ping').disabled = false; },
    onDrop: () => { $('status').dataset.state = 'reconnecting'; $('status').textContent = 'reconnecting'; },
    onReconnect: () => { $('status').dataset.state = 'open'; $('status').textContent = `in room ${created.roomId.slice(0, 8)}`; },
    onClose: (info) => { $('status').dataset.state = 'closed'; $('status').textContent = `closed (${info.cause})`; $('ping').disabled = true; },
    onMessage: (data) => {
      const pong = JSON.parse(data);
      window.ha.pongs.push(pong);
      const row = document.createElement('tr');
      for (const text of [window.ha.pongs.length, pong.server.slice(0, 8), pong.pingCount]) {
        const td = document.createElement('td');
        td.textContent = text;
        row.append(td);
      }
      $('pongs').append(row);
    },
  });
  window.ha.client = client;
  await client.connect();
});

$('ping').addEventListener('click', () => window.ha.client?.send('ping'));
showServers();
