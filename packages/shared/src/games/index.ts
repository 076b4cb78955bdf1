export * from './gacha';
export * from './slot';
