/**
 * A bare tRPC mutation for the benchmarks' players: one `node:http` POST on a keep-alive agent,
 * the input and the answer through superjson — the same wire and bearer token as the typed
 * client's `httpLink`, without fetch's Request/Response/AbortController objects, the link chain
 * and its observables. A thousand crash players betting through the typed client cost the load
 * processes more CPU than the bets cost the server; this is what the bets need and no more.
 */
import http from 'node:http';
import superjson from 'superjson';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** The server's typed error: `data.code` (e.g. CONFLICT, as on the typed client's TRPCClientError) and its message. */
export class TrpcCallError extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code };
  }
}

/** POST `input` to the mutation `path` (e.g. `games.crash.bet`) on `baseUrl` as the holder of `token`. */
export function mutate<T>(baseUrl: string, path: string, token: string, input: unknown): Promise<T> {
  const body = JSON.stringify(superjson.serialize(input));
  return new Promise<T>((resolve, reject) => {
    const req = http.request(
      new URL(`/trpc/${path}`, baseUrl),
      {
        method: 'POST',
        agent,
        timeout: 60_000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          try {
            const answer = JSON.parse(text) as {
              result?: { data: Parameters<typeof superjson.deserialize>[0] };
              error?: { json?: { message?: string; data?: { code?: string } } };
            };
            if (res.statusCode === 200 && answer.result) resolve(superjson.deserialize<T>(answer.result.data));
            else
              reject(
                new TrpcCallError(
                  answer.error?.json?.data?.code ?? `HTTP ${res.statusCode}`,
                  answer.error?.json?.message ?? text.slice(0, 200),
                ),
              );
          } catch (err) {
            reject(new Error(`${path}: HTTP ${res.statusCode}, unreadable answer (${(err as Error).message})`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${path}: no answer within 60 s`)));
    req.on('error', reject);
    req.end(body);
  });
}
