/**
 * Serves an in-process PGlite over the PostgreSQL wire protocol on 127.0.0.1, so the
 * embedded test run can drive the real postgres.js driver and cut its connections the
 * way a terminated backend would. PGlite is one session: clients share it one message
 * at a time, so use it with a pool of one connection (as embedded mode is).
 */
import { createServer, type Socket } from 'node:net';
import type { DbHandle } from '@casino/db';

type PGlite = Extract<DbHandle['driver'], { kind: 'pglite' }>['pg'];

const SSL_REQUEST = 80877103;
const PROTOCOL_3 = 196608;
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);
const frame = (type: string, body: Buffer) => {
  const msg = Buffer.alloc(5 + body.length);
  msg.write(type, 0);
  msg.writeInt32BE(4 + body.length, 1);
  body.copy(msg, 5);
  return new Uint8Array(msg);
};
const ROLLBACK = frame('Q', Buffer.from('ROLLBACK\0'));
// What PostgreSQL sends a client whose backend pg_terminate_backend ends, before it closes the socket.
const TERMINATED = frame('E', Buffer.from('SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0\0'));

export type WireServer = { url: string; terminateAll(): Promise<number>; close(): Promise<void> };

export async function serveOverWire(pg: PGlite): Promise<WireServer> {
  const sockets = new Set<Socket>();
  // Cut sockets get no more replies: their backend is gone.
  const cut = new WeakSet<Socket>();
  const gone = (socket: Socket) => socket.destroyed || cut.has(socket);
  // Every message, from every client, runs through this one chain: PGlite has one session.
  let chain: Promise<unknown> = Promise.resolve();
  const run = (fn: () => Promise<unknown>) => {
    chain = chain.then(fn).catch(() => {});
    return chain;
  };

  let armed: ((cut: number) => void) | null = null;
  // Runs inside the chain: drops the sockets, then ends what their session left open.
  const cutAll = async () => {
    const n = sockets.size;
    for (const s of sockets) {
      cut.add(s);
      s.end(TERMINATED);
    }
    await pg.execProtocolRaw(SYNC);
    await pg.execProtocolRaw(ROLLBACK);
    return n;
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('data', (data) => {
      if (gone(socket)) return;
      buffer = Buffer.concat([buffer, data]);
      for (;;) {
        if (!started && buffer.length >= 8 && buffer.readInt32BE(4) === SSL_REQUEST) {
          buffer = buffer.subarray(8);
          socket.write('N');
          continue;
        }
        const startup = !started && buffer.length >= 8 && buffer.readInt32BE(4) === PROTOCOL_3;
        const length = startup ? buffer.readInt32BE(0) : buffer.length >= 5 ? 1 + buffer.readInt32BE(1) : 0;
        if (!length || buffer.length < length) return;
        const message = new Uint8Array(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
        started = true;
        if (message[0] === 0x58) {
          // Terminate: the session is shared, so only this client goes away.
          socket.end();
          return;
        }
        void run(async () => {
          if (gone(socket)) return;
          if (armed && pg.isInTransaction()) {
            // The cut lands while a transaction runs a statement, where postgres.js used to crash.
            const n = await cutAll();
            armed(n);
            armed = null;
            return;
          }
          const reply = await pg.execProtocolRaw(message);
          if (!gone(socket) && reply.length) socket.write(reply);
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /**
     * Like pg_terminate_backend on every client, timed to land on the next statement sent
     * inside a transaction; resolves with the number of connections cut.
     */
    terminateAll() {
      return new Promise<number>((resolve) => {
        armed = resolve;
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await chain;
    },
  };
}
