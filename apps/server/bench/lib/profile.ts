/** Optional CPU profile of this process over a window (BENCH_CPU_PROFILE=file.cpuprofile). */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

export type Profiler = { stop(): Promise<string> };

/** Starts the V8 sampling profiler; stop() writes a .cpuprofile (open in Chrome DevTools) and returns its path. */
export async function startCpuProfile(file: string): Promise<Profiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await writeFile(file, JSON.stringify(profile));
      return file;
    },
  };
}
