export {
  createDb,
  type Db,
  type DbHandle,
  type DbOptions,
  dbStatements,
  type Listener,
  listen,
  poolSize,
  queryRows,
  type Schema,
  type Tx,
  transaction,
} from './client';
export { migrationsFolder, readJournal, rollbackLatest, runMigrations } from './migrate';
export * from './schema/index';
