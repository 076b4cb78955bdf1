import { hashServerSeed, ZClientSeed } from '@casino/shared';
import { ErrorBanner, Field, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

/** Reveals the current server seed, commits to a new one, optionally with the player's own client seed. */
export function RotateForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [clientSeed, setClientSeed] = useState('');
  const [committed, setCommitted] = useState<string | null>(null);
  const rotate = useMutation(
    trpc.games.fairness.rotate.mutationOptions({
      onSuccess: () => {
        setClientSeed('');
        void queryClient.invalidateQueries(trpc.games.fairness.pathFilter());
      },
    }),
  );
  const trimmed = clientSeed.trim();
  const problem = trimmed && !ZClientSeed.safeParse(trimmed).success ? '1–64 printable characters, no spaces or “:”.' : undefined;
  const revealed = rotate.data?.revealed;
  // Checked against the hash this page showed before the rotation, not only the one in the answer.
  const hashOk = revealed ? hashServerSeed(revealed.serverSeed) === (committed ?? revealed.serverSeedHash) : false;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    setCommitted(queryClient.getQueryData(trpc.games.fairness.current.queryKey())?.serverSeedHash ?? null);
    rotate.mutate(trimmed ? { clientSeed: trimmed } : {});
  };

  return (
    <section className="card stack" data-testid="fair-rotate-card">
      <h2>Rotate seeds</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <Field
          label="New client seed (optional)"
          name="clientSeed"
          placeholder="leave empty for a random one"
          autoComplete="off"
          value={clientSeed}
          onChange={(e) => setClientSeed(e.target.value)}
          error={problem}
        />
        <button type="submit" className="primary" disabled={rotate.isPending || !!problem} data-testid="fair-rotate">
          {rotate.isPending ? 'Rotating…' : 'Reveal server seed and rotate'}
        </button>
      </form>
      <ErrorBanner error={rotate.error} testId="fair-rotate-error" />
      {revealed && (
        <div className="stack tight" data-testid="fair-revealed">
          <p className="small-text">Revealed server seed</p>
          <code className="mono reveal" data-testid="revealed-seed">
            {revealed.serverSeed}
          </code>
          <p className={`small-text ${hashOk ? 'plus' : 'minus'}`} data-testid="revealed-hash-check">
            {hashOk ? 'SHA-256 of this seed matches the hash you were shown ✓' : 'SHA-256 of this seed does not match its commitment ✗'}
          </p>
          <p className="muted small-text">
            Client seed {revealed.clientSeed} ·{' '}
            {revealed.lastNonce < 0 ? 'no rounds were played with it' : `nonces 0–${revealed.lastNonce}`}
          </p>
        </div>
      )}
    </section>
  );
}
