export * from './constants';
export * from './fairness';
export * from './schemas';
export * from './games';
