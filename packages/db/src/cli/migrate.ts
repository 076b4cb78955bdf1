/** `pnpm db:migrate`: applies drizzle/ to DATABASE_URL, or to the PGlite folder (DATA_DIR, default .data/pglite). */
import { createDb } from '../client';
import { migrationsFolder, runMigrations } from '../migrate';

const url = process.env.DATABASE_URL || undefined;
const dataDir = url ? undefined : (process.env.DATA_DIR ?? '.data/pglite');
const handle = await createDb({ url, dataDir, maxConnections: 1 });
await runMigrations(handle);
await handle.close();
console.log(`migrations from ${migrationsFolder} applied to ${url ? 'DATABASE_URL' : dataDir}`);
