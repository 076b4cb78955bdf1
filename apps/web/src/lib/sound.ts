/**
 * Game sounds synthesized with WebAudio (no audio files): short tones and a noise burst.
 * Off by default; the choice is kept in localStorage and shared by every game screen. The
 * AudioContext is created on the first sound after the player turned sound on (a gesture).
 */
import { useSyncExternalStore } from 'react';
import { readStored, writeStored } from './stored';

const KEY = 'casino.sound';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

let enabled = readStored(KEY, false, isBool);
const listeners = new Set<() => void>();
let ctx: AudioContext | null = null;

export type Sound = 'spin' | 'stop' | 'win' | 'bigWin' | 'cashout' | 'bust' | 'reveal' | 'rare';

/** [frequency Hz, start s, duration s] notes of each sound; the bust is a noise burst instead. */
const NOTES: Record<Exclude<Sound, 'bust'>, [number, number, number][]> = {
  spin: [[220, 0, 0.05]],
  stop: [[330, 0, 0.04]],
  reveal: [[520, 0, 0.06]],
  win: [
    [523, 0, 0.1],
    [659, 0.09, 0.1],
    [784, 0.18, 0.16],
  ],
  cashout: [
    [988, 0, 0.06],
    [1319, 0.06, 0.14],
  ],
  rare: [
    [659, 0, 0.1],
    [880, 0.1, 0.1],
    [1175, 0.2, 0.22],
  ],
  bigWin: [
    [523, 0, 0.12],
    [659, 0.12, 0.12],
    [784, 0.24, 0.12],
    [1047, 0.36, 0.3],
    [784, 0.5, 0.1],
    [1047, 0.62, 0.4],
  ],
};

function audio(): AudioContext | null {
  if (!enabled || typeof AudioContext === 'undefined') return null;
  ctx ??= new AudioContext();
  if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
  return ctx;
}

function tone(ac: AudioContext, freq: number, start: number, dur: number) {
  const osc = ac.createOscillator();
  const gain = ac.createGain();
  osc.type = 'triangle';
  osc.frequency.value = freq;
  const t = ac.currentTime + start;
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.18, t + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + dur);
  osc.connect(gain).connect(ac.destination);
  osc.start(t);
  osc.stop(t + dur + 0.02);
}

function noise(ac: AudioContext, dur: number) {
  const buffer = ac.createBuffer(1, Math.ceil(ac.sampleRate * dur), ac.sampleRate);
  const data = buffer.getChannelData(0);
  for (let i = 0; i < data.length; i++) data[i] = (Math.random() * 2 - 1) * (1 - i / data.length) ** 2;
  const src = ac.createBufferSource();
  const gain = ac.createGain();
  gain.gain.value = 0.25;
  src.buffer = buffer;
  src.connect(gain).connect(ac.destination);
  src.start();
}

export function play(sound: Sound) {
  const ac = audio();
  if (!ac) return;
  if (sound === 'bust') return noise(ac, 0.35);
  for (const [f, s, d] of NOTES[sound]) tone(ac, f, s, d);
}

export function setSoundOn(on: boolean) {
  enabled = on;
  writeStored(KEY, on);
  for (const l of listeners) l();
  if (on) play('reveal');
}

const subscribe = (cb: () => void) => {
  listeners.add(cb);
  return () => listeners.delete(cb);
};

export function useSoundOn(): boolean {
  return useSyncExternalStore(subscribe, () => enabled);
}
