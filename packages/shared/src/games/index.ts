export * from './crash';
export * from './gacha';
export * from './rps';
export * from './slot';
