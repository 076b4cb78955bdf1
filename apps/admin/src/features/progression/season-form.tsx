/** Create or edit a battle-pass season: window, levels and XP per level, and the free / premium rewards per level. */
import { ErrorBanner, Field, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fromLocalInput, parseWhole, toLocalInput } from '../shop/format';
import { emptyLine, type LevelLine, linesOf, parseLevels } from './season-levels';

type Season = RouterOutputs['admin']['battlepass']['seasons']['items'][number];
const DAY = 86_400_000;

export function SeasonForm({ season, onDone }: { season: Season | null; onDone: (name: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(season?.name ?? '');
  const [startsAt, setStartsAt] = useState(toLocalInput(season?.startsAt ?? new Date()));
  const [endsAt, setEndsAt] = useState(toLocalInput(season?.endsAt ?? new Date(Date.now() + 30 * DAY)));
  const [maxLevel, setMaxLevel] = useState(String(season?.maxLevel ?? 10));
  const [xpPerLevel, setXpPerLevel] = useState(String(season?.xpPerLevel ?? 100));
  const [isActive, setIsActive] = useState(season?.isActive ?? true);
  const [lines, setLines] = useState<LevelLine[]>(() => (season ? linesOf(season.levels) : [emptyLine(1)]));
  const [error, setError] = useState('');
  const done = () => {
    void queryClient.invalidateQueries(trpc.admin.battlepass.pathFilter());
    onDone(name.trim());
  };
  const create = useMutation(trpc.admin.battlepass.createSeason.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.admin.battlepass.updateSeason.mutationOptions({ onSuccess: done }));
  const save = season ? update : create;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const max = parseWhole(maxLevel, 1, 1000);
    const xp = parseWhole(xpPerLevel, 1, 10_000_000);
    const s = fromLocalInput(startsAt);
    const en = fromLocalInput(endsAt);
    const levels = parseLevels(lines, typeof max === 'number' ? max : 1000);
    const problem =
      name.trim().length < 1 || name.trim().length > 120
        ? 'Name: 1–120 characters.'
        : typeof max !== 'number'
          ? 'Levels: 1 to 1,000.'
          : typeof xp !== 'number'
            ? 'XP per level: a whole number from 1.'
            : !s || !en || en <= s
              ? 'The season must end after it starts.'
              : (levels.error ?? '');
    setError(problem);
    if (problem || !levels.value || typeof max !== 'number' || typeof xp !== 'number' || !s || !en) return;
    const input = { name: name.trim(), startsAt: s, endsAt: en, maxLevel: max, xpPerLevel: xp, levels: levels.value, isActive };
    if (season) update.mutate({ seasonId: season.id, ...input });
    else create.mutate(input);
  };

  const setLine = (i: number, track: 'free' | 'premium', k: 'gold' | 'gems' | 'exp', v: string) =>
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, [track]: { ...l[track], [k]: v } } : l)));
  const nextLevel = Math.max(0, ...lines.map((l) => Number(l.level) || 0)) + 1;

  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="season-form">
      <div className="row between">
        <h2>{season ? `Edit season #${season.id}` : 'New season'}</h2>
        <button type="button" className="link" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
      <div className="grid-2">
        <Field label="Name" name="season-name" value={name} onChange={(e) => setName(e.target.value)} />
        <Field label="Starts" name="season-startsAt" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        <Field label="Ends" name="season-endsAt" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        <Field label="Levels" name="season-maxLevel" inputMode="numeric" value={maxLevel} onChange={(e) => setMaxLevel(e.target.value)} />
        <Field
          label="XP per level"
          name="season-xpPerLevel"
          inputMode="numeric"
          value={xpPerLevel}
          onChange={(e) => setXpPerLevel(e.target.value)}
        />
      </div>
      <fieldset className="form-section">
        <legend>Rewards per level (gold / gems / exp; empty = none)</legend>
        <div className="table-wrap">
          <table className="table level-table">
            <thead>
              <tr>
                <th>Level</th>
                <th colSpan={3}>Free</th>
                <th colSpan={3}>Premium</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines are edited in place and have no id of their own
                <tr key={i} data-testid="season-level">
                  <td>
                    <input
                      aria-label={`Level of line ${i + 1}`}
                      inputMode="numeric"
                      value={l.level}
                      onChange={(e) => setLines((ls) => ls.map((x, j) => (j === i ? { ...x, level: e.target.value } : x)))}
                    />
                  </td>
                  {(['free', 'premium'] as const).flatMap((track) =>
                    (['gold', 'gems', 'exp'] as const).map((k) => (
                      <td key={`${track}-${k}`}>
                        <input
                          aria-label={`Level ${l.level} ${track} ${k}`}
                          placeholder={k}
                          inputMode="numeric"
                          value={l[track][k]}
                          onChange={(e) => setLine(i, track, k, e.target.value)}
                          data-testid={`season-${track}-${k}`}
                        />
                      </td>
                    )),
                  )}
                  <td>
                    <button
                      type="button"
                      className="small"
                      aria-label={`Remove level line ${i + 1}`}
                      onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button
          type="button"
          className="small"
          onClick={() => setLines((ls) => [...ls, emptyLine(nextLevel)])}
          data-testid="season-add-level"
        >
          + Level
        </button>
      </fieldset>
      <label className="row check">
        <input type="checkbox" className="checkbox" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
        Active
      </label>
      {error && (
        <p className="field-error" data-testid="season-form-problem">
          {error}
        </p>
      )}
      <ErrorBanner error={save.error} testId="season-form-error" />
      <button type="submit" className="primary" disabled={save.isPending} data-testid="season-save">
        {save.isPending ? 'Saving…' : season ? 'Save changes' : 'Create season'}
      </button>
    </form>
  );
}
