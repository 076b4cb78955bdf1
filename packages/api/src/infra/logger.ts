import { pino } from 'pino';

export type Logger = pino.Logger;
export const silentLogger: Logger = pino({ level: 'silent' });
