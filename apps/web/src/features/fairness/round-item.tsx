import type { TGachaConfig, TSlotConfig } from '@casino/shared';
import { formatDate, formatNumber, useTRPC } from '@casino/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { roundResult } from '../../lib/format';
import { GAME_LABEL, type Game } from '../../lib/games';
import { gachaConfigOf, type RoundRow, slotConfigOf, stableJson, type Verification, verifyLocally } from './verify';

type State = { local: Verification; server: 'checking' | 'agrees' | 'differs' | 'unavailable' } | { error: string } | null;

/** One past round; once its seed is revealed it can be re-derived right here in the browser. */
export function RoundItem({ row }: { row: RoundRow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState<State>(null);

  // Published versions never change, so their configuration is cached for good.
  const configsOf = async (): Promise<{ slot?: TSlotConfig; gacha?: TGachaConfig }> => {
    const version = { version: row.configVersion };
    if (row.game === 'slot')
      return { slot: slotConfigOf(await queryClient.fetchQuery(trpc.games.slot.config.queryOptions(version, { staleTime: Infinity }))) };
    if (row.game === 'gacha')
      return { gacha: gachaConfigOf(await queryClient.fetchQuery(trpc.games.gacha.config.queryOptions(version, { staleTime: Infinity }))) };
    return {};
  };

  const verify = async () => {
    let local: Verification;
    try {
      local = verifyLocally(row, await configsOf());
    } catch (e) {
      return setState({ error: e instanceof Error ? e.message : 'This round cannot be re-derived.' });
    }
    setState({ local, server: 'checking' });
    // Second opinion: the server's verifier, under the round's own configuration version.
    try {
      const server = await queryClient.fetchQuery(trpc.games.fairness.verify.queryOptions(local.input));
      setState({ local, server: stableJson(server.outcome) === stableJson(local.result.outcome) ? 'agrees' : 'differs' });
    } catch {
      setState({ local, server: 'unavailable' });
    }
  };

  return (
    <li className="round" data-testid="fair-round" data-game={row.game} data-revealed={row.serverSeed !== null}>
      <div className="row between">
        <strong>{GAME_LABEL[row.game as Game] ?? row.game}</strong>
        <span className="muted small-text">
          nonce {row.nonce} · config v{row.configVersion} · {formatDate(row.createdAt)}
        </span>
      </div>
      <div className="row between small-text">
        <span>
          {row.game === 'gacha'
            ? `cost ${formatNumber(row.bet)} ${row.currency}`
            : `bet ${formatNumber(row.bet)} · ${roundResult(row.bet, row.payout, row.currency).text}`}
        </span>
        {row.serverSeed ? (
          <button type="button" className="small" onClick={() => void verify()} data-testid="verify-round">
            Verify
          </button>
        ) : (
          <span className="muted">seed secret until you rotate</span>
        )}
      </div>
      {state && 'error' in state && (
        <p className="field-error" data-testid="verify-result" data-ok="false">
          {state.error}
        </p>
      )}
      {state && 'local' in state && (
        <div className="stack tight">
          <p className={state.local.ok ? 'plus' : 'minus'} data-testid="verify-result" data-ok={state.local.ok}>
            {state.local.ok ? 'verified ✓ re-derived in your browser, matches the record' : 'mismatch ✗ the seeds give a different result'}
          </p>
          <p className="muted small-text" data-testid="verify-server">
            {state.server === 'checking' && 'Asking the server’s verifier…'}
            {state.server === 'agrees' && 'The server’s verifier gives the same outcome.'}
            {state.server === 'differs' &&
              'The server’s verifier gives a different outcome (its configuration differs from the published one).'}
            {state.server === 'unavailable' && 'The server’s verifier could not be reached.'}
          </p>
          <details>
            <summary className="small-text">What was compared</summary>
            <ul className="plain checks small-text">
              {state.local.checks.map((c) => (
                <li key={c.label}>
                  {c.ok ? '✓' : '✗'} {c.label}: <code>{c.derived}</code>
                  {!c.ok && (
                    <>
                      {' '}
                      (recorded <code>{c.recorded}</code>)
                    </>
                  )}
                </li>
              ))}
            </ul>
          </details>
        </div>
      )}
    </li>
  );
}
