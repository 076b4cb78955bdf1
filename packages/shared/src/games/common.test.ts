import { describe, expect, it } from 'vitest';
import { ZGameSessionEvent } from '../live-events';
import { GAMES, ZBet, ZGame } from './common';
import { ZVerifyInput } from './verify';

describe('the one game list', () => {
  it('feeds the zod enum and the live game_session event', () => {
    expect(ZGame.options).toEqual([...GAMES]);
    expect(ZGameSessionEvent.shape.gameType.options).toEqual([...GAMES]);
  });

  it('keeps the bet limits: play up to 1e9, verify up to 1e6', () => {
    expect(ZBet.safeParse(1_000_000_000).success).toBe(true);
    expect(ZBet.safeParse(0).success).toBe(false);
    const verify = (bet: number) =>
      ZVerifyInput.safeParse({ game: 'rps', serverSeed: 's', clientSeed: 'c', nonce: 0, bet, choice: 'rock' });
    expect(verify(1_000_000).success).toBe(true);
    expect(verify(1_000_001).success).toBe(false);
  });
});
