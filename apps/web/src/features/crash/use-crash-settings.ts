/** The crash bet and auto cash-out as typed, kept across rounds and reloads (localStorage). */
import { useStored } from '../../lib/stored';

export type CrashSettings = { bet: string; auto: string };

const isSettings = (v: unknown): v is CrashSettings =>
  typeof v === 'object' && v !== null && typeof (v as CrashSettings).bet === 'string' && typeof (v as CrashSettings).auto === 'string';

export function useCrashSettings(defaultBet: number) {
  return useStored<CrashSettings>('casino.crash.settings', { bet: String(defaultBet), auto: '' }, isSettings);
}
