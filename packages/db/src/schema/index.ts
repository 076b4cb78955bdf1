export * from './audit';
export * from './auth';
export * from './games';
export * from './users';
export * from './wallet';
