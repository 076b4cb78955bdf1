import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';

/** The active seed pair: the server is bound to the seed behind this hash until you rotate. */
export function Commitment() {
  const trpc = useTRPC();
  const current = useQuery(trpc.games.fairness.current.queryOptions());
  return (
    <section className="card stack" data-testid="fair-current">
      <h2>Current seed pair</h2>
      {current.isPending && <Loading />}
      <ErrorBanner error={current.error} />
      {current.data && (
        <dl className="facts">
          <dt>Server seed hash (SHA-256)</dt>
          <dd className="mono" data-testid="fair-hash">
            {current.data.serverSeedHash}
          </dd>
          <dt>Client seed</dt>
          <dd className="mono" data-testid="fair-client-seed">
            {current.data.clientSeed}
          </dd>
          <dt>Next nonce</dt>
          <dd data-testid="fair-nonce">{current.data.nextNonce}</dd>
        </dl>
      )}
      <p className="muted small-text">
        Every round uses HMAC-SHA256(server seed, “client seed:nonce”) and the nonce then goes up by one. The server seed stays secret until
        you rotate; then it is revealed and every round played with it can be checked below.
      </p>
    </section>
  );
}
