/**
 * The least SQL a spin and a debit need, as pgbench scripts: the physical limit the HTTP
 * rates are compared with (goal ≥ 0.5×). Plain statements (each its own round trip, like
 * pgbench runs any script), durable commits (synchronous_commit as the server has it: on).
 * Each pgbench client works on its own player (client_id → player), as each HTTP connection does.
 */

/**
 * A spin: the balance update, the bet ledger row (+ the win row on a win: a ledger row never
 * has delta 0), the round row. Variables: first_id, bet_amount, hit_ppm, win_payout, outcome
 * (a real outcome JSON), config_version, bet_suffix / win_suffix (':bet' / ':win'). Nonces are
 * negative and per client (`-D seq=0`): never one a real spin takes.
 */
export const MINIMAL_SPIN = `\\set id :first_id + :client_id
\\set seq :seq + 1
\\set bet :bet_amount
\\set r random(0, 999999)
\\if :r < :hit_ppm
\\set payout :win_payout
\\else
\\set payout 0
\\endif
BEGIN;
UPDATE users SET gold = gold - :bet + :payout WHERE id = :id RETURNING gold AS balance, gen_random_uuid() AS round_id \\gset
INSERT INTO wallet_ledger (user_id, currency, delta, balance_after, reason, ref_type, ref_id, idempotency_key)
  VALUES (:id, 'gold', -CAST(:bet AS bigint), CAST(:balance AS bigint) - CAST(:payout AS bigint), 'slot_bet', 'round', :round_id, 'round:' || :round_id || :bet_suffix);
\\if :payout > 0
INSERT INTO wallet_ledger (user_id, currency, delta, balance_after, reason, ref_type, ref_id, idempotency_key)
  VALUES (:id, 'gold', :payout, :balance, 'slot_win', 'round', :round_id, 'round:' || :round_id || :win_suffix);
\\endif
INSERT INTO game_rounds (id, user_id, game, currency, bet, payout, multiplier, result, seed_id, nonce, outcome, config_version)
  VALUES (CAST(:round_id AS uuid), :id, 'slot', 'gold', :bet, :payout, CAST(:payout AS float8) / CAST(:bet AS float8),
    CAST(CASE WHEN CAST(:payout AS bigint) > 0 THEN 'win' ELSE 'loss' END AS round_result),
    (SELECT id FROM fairness_seeds WHERE user_id = :id AND revealed_at IS NULL), -CAST(:seq AS int), CAST(:outcome AS jsonb), :config_version);
COMMIT;
`;

/** A debit of 1 gold: the balance update and one ledger row. Variables: first_id, clients, players. */
export const MINIMAL_DEBIT = `\\set k random(0, (:players - 1 - :client_id) / :clients)
\\set id :first_id + :client_id + :k * :clients
BEGIN;
UPDATE users SET gold = gold - 1 WHERE id = :id RETURNING gold AS balance \\gset
INSERT INTO wallet_ledger (user_id, currency, delta, balance_after, reason, ref_type, ref_id)
  VALUES (:id, 'gold', -1, :balance, 'admin_deduct', 'admin', 'bench');
COMMIT;
`;
