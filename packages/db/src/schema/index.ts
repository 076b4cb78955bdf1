export * from './audit';
export * from './auth';
export * from './games';
export * from './outbox';
export * from './progression';
export * from './shop';
export * from './users';
export * from './wallet';
