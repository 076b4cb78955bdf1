export * from './constants';
export * from './fairness';
export * from './games';
export * from './live';
export * from './live-events';
export * from './reasons';
export * from './schemas';
export * from './shop';
