export * from './constants';
export * from './fairness';
export * from './games';
export * from './live-events';
export * from './progression';
export * from './reasons';
export * from './schemas';
