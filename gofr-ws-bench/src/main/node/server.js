'use strict';
// The Node peer of the benchmark: the same routes as the Java servers, written with ws the way
// its README shows. Run: node --expose-gc server.js --port 9000 [--ping-interval 5000]
// [--origin http://bench.local]; ws must be resolvable (NODE_PATH=<prefix>/node_modules).
const http = require('http');
const { URL } = require('url');
const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
function arg(name, fallback) {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1] : fallback;
}
const port = Number(arg('port', '9000'));
const pingInterval = Number(arg('ping-interval', '0'));
const origin = arg('origin', null);
const MAX_PAYLOAD = 64 * 1024; // as the Java servers

const echo = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
const fanout = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });

echo.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('error', () => {});
});
fanout.on('connection', (ws) => {
  // answers only 'fill <bytes>', with which the stalled clients fill their own socket buffers
  ws.on('message', (data, isBinary) => {
    const text = isBinary ? '' : data.toString();
    if (text.startsWith('fill ')) {
      ws.send('x'.repeat(Math.min(Number(text.substring(5)), 65536)));
    }
  });
  ws.on('error', () => {});
});

// The sample's chat protocol (name, join, leave, say) as a ws user writes it: rooms in a Map of
// Sets, a say written to JSON once and sent to every member of the room in a loop.
const chat = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
const rooms = new Map();
chat.on('connection', (ws) => {
  const joined = new Set();
  ws.on('message', (data, isBinary) => {
    let command;
    try {
      command = JSON.parse(isBinary ? '' : data.toString());
    } catch (e) {
      return; // not a command: ignored
    }
    if (command === null || typeof command !== 'object') {
      return;
    }
    if (command.type === 'name') {
      ws.chatName = String(command.name);
    } else if (command.type === 'join') {
      const room = String(command.room);
      if (!rooms.has(room)) {
        rooms.set(room, new Set());
      }
      rooms.get(room).add(ws);
      joined.add(room);
      ws.send(JSON.stringify({ type: 'joined', room, members: rooms.get(room).size }));
    } else if (command.type === 'leave') {
      const room = String(command.room);
      if (rooms.has(room)) {
        rooms.get(room).delete(ws);
      }
      joined.delete(room);
      ws.send(JSON.stringify({ type: 'left', room }));
    } else if (command.type === 'say') {
      const room = String(command.room);
      if (!joined.has(room)) {
        return;
      }
      const event = JSON.stringify({ type: 'message', room, from: ws.chatName || 'anonymous', text: command.text });
      for (const member of rooms.get(room)) {
        member.send(event);
      }
    }
  });
  ws.on('close', () => {
    for (const room of joined) {
      rooms.get(room).delete(ws);
    }
  });
  ws.on('error', () => {});
});

function stamped(size, nanos = process.hrtime.bigint()) {
  const text = nanos.toString() + ' ';
  return text.length >= size ? text : text + 'x'.repeat(size - text.length);
}

function broadcast(text) {
  let queued = 0;
  for (const ws of fanout.clients) {
    ws.send(text);
    queued++;
  }
  return queued;
}

// A paced fan-out, as PacedBroadcast in the Java servers: one broadcast every interval, each
// stamped with the time it was due; a late tick is followed at once by the ones due since.
function paced(count, size, intervalMs) {
  const start = process.hrtime.bigint();
  const interval = BigInt(intervalMs) * 1000000n;
  let sent = 0;
  function tick() {
    const now = process.hrtime.bigint();
    while (sent < count && start + BigInt(sent) * interval <= now) {
      broadcast(stamped(size, start + BigInt(sent) * interval));
      sent++;
    }
    if (sent < count) {
      const wait = Number(start + BigInt(sent) * interval - process.hrtime.bigint()) / 1e6;
      setTimeout(tick, Math.max(0, wait));
    }
  }
  tick();
}

function body(res, status, type, text) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'POST' && url.pathname === '/bench/fanout') {
    req.resume();
    const count = Number(url.searchParams.get('count'));
    const size = Number(url.searchParams.get('size'));
    const intervalMs = Number(url.searchParams.get('intervalMs') || '0');
    if (intervalMs > 0) {
      paced(count, size, intervalMs);
      return body(res, 200, 'application/json', JSON.stringify({ scheduled: count, intervalMs }));
    }
    let queued = 0;
    for (let i = 0; i < count; i++) {
      queued += broadcast(stamped(size));
    }
    return body(res, 200, 'application/json', JSON.stringify({ queued, refused: 0 }));
  }
  if (url.pathname === '/bench/clock') {
    return body(res, 200, 'text/plain', process.hrtime.bigint().toString());
  }
  if (url.pathname === '/bench/health') {
    return body(res, 200, 'text/plain', 'node'); // as the Java servers, which name their container
  }
  if (url.pathname === '/bench/memory') {
    if (global.gc) {
      global.gc();
      global.gc();
    }
    return body(res, 200, 'application/json', JSON.stringify(process.memoryUsage()));
  }
  body(res, 404, 'text/plain', 'not found');
});

server.on('upgrade', (req, socket, head) => {
  const { pathname } = new URL(req.url, 'http://127.0.0.1');
  const wss = pathname === '/ws/echo' ? echo : pathname === '/ws/fanout' ? fanout : pathname === '/ws/chat' ? chat : null;
  if (wss === null || (origin !== null && req.headers.origin !== undefined && req.headers.origin !== origin)) {
    socket.end('HTTP/1.1 ' + (wss === null ? '404 Not Found' : '403 Forbidden') + '\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

if (pingInterval > 0) {
  setInterval(() => {
    for (const wss of [echo, fanout]) {
      for (const ws of wss.clients) {
        ws.ping();
      }
    }
  }, pingInterval);
}

// The load generator reuses its HTTP connection; a broadcast may keep Node busy for seconds.
server.keepAliveTimeout = 120000;
server.headersTimeout = 121000;
server.listen(port, '127.0.0.1');
