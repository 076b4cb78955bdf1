export * from './audit';
export * from './auth';
export * from './games';
export * from './live';
export * from './outbox';
export * from './shop';
export * from './users';
export * from './wallet';
