export { crashPoint, first52Bits } from './crash-point';
export { blockMessage, hashServerSeed, hmacSha256, hmacSha256Hex } from './hmac';
export { createRng, nextFloat, nextInt, pickWeighted, type Rng, type Uint32Source, weightsTotal } from './rng';
export { ZClientSeed, ZHouseEdgePercent, ZNonce, ZServerSeed } from './schemas';
export { seededRng } from './seeded';
export { type FairStream, hmacStream } from './stream';
