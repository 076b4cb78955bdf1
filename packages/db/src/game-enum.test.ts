import { GAMES } from '@casino/shared';
import { describe, expect, it } from 'vitest';
import { gameType } from './schema/games';

describe('game_type enum', () => {
  it('is the shared game list, in its order', () => {
    expect(gameType.enumValues).toEqual([...GAMES]);
  });
});
