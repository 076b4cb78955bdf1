export { createDb, type Db, dbStatements, type DbHandle, type DbOptions, queryRows, type Schema, type Tx, transaction } from './client';
export { migrationsFolder, readJournal, rollbackLatest, runMigrations } from './migrate';
export * from './schema/index';
