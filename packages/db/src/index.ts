export { createDb, type Db, type DbHandle, type DbOptions, queryRows, type Schema, transaction, type Tx } from './client';
export { migrationsFolder, readJournal, rollbackLatest, runMigrations } from './migrate';
export * from './schema/index';
