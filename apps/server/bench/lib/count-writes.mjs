/**
 * Preloaded into the bench's server process (`node --import`): counts socket writes to
 * PostgreSQL and Redis (the ports of DATABASE_URL and REDIS_URL) and to HTTP clients (sockets
 * accepted by a server: response writes), i.e. how many times the
 * server sent them something and waited — round trips as the wire sees them, whatever the
 * code does (a pipelined transaction is one write, a Lua script call is one). The bench asks
 * for the counts over the IPC channel: send 'round-trips', get { pg, redis, http }.
 */
import net from 'node:net';

const portOf = (url, fallback) => {
  try {
    return Number(new URL(url).port) || fallback;
  } catch {
    return fallback;
  }
};
const pgPort = portOf(process.env.DATABASE_URL, 5432);
const redisPort = portOf(process.env.REDIS_URL, 6379);
const counts = { pg: 0, redis: 0, http: 0 };

// _writeGeneric is where a socket hands data to its handle: once per write(2)/writev(2), after
// the stream's corking and buffering (socket.write() calls can be several per syscall).
const writeGeneric = net.Socket.prototype._writeGeneric;
net.Socket.prototype._writeGeneric = function countedWrite(...args) {
  const port = this.remotePort;
  if (port === pgPort) counts.pg++;
  else if (port === redisPort) counts.redis++;
  else if (this.server) counts.http++;
  return writeGeneric.apply(this, args);
};

if (process.send) {
  process.on('message', (m) => {
    if (m === 'round-trips') process.send?.({ type: 'round-trips', ...counts });
  });
  process.channel?.unref();
}
