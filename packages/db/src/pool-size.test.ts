/** poolSize: what a handle can hold at once — the pool's size on PostgreSQL, one connection on PGlite. */
import { describe, expect, it } from 'vitest';
import { createDb, poolSize } from './client';

describe('poolSize', () => {
  it('is the connections the handle was created with (PostgreSQL) or 1 (PGlite)', async () => {
    const url = process.env.DATABASE_URL;
    const h = await createDb(url ? { url, maxConnections: 7 } : {});
    try {
      expect(poolSize(h.db)).toBe(url ? 7 : 1);
    } finally {
      await h.close();
    }
  });
});
