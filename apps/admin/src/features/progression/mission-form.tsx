/** Create or edit a mission: period, goals from CONTRACT's requirement keys, rewards, order. */
import { MISSION_PERIODS, type TMissionPeriod } from '@casino/shared';
import { ErrorBanner, Field, type RouterInputs, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { SelectField } from '../../components/select-field';
import { parseWhole } from '../shop/format';
import { type GoalLine, goalLinesOf, parseGoals, parseRewards, type RewardFields, rewardFieldsOf } from './goals';
import { GoalsEditor, RewardsEditor } from './goals-editor';

type AdminMission = RouterOutputs['admin']['missions']['list']['items'][number];
type MissionCreate = RouterInputs['admin']['missions']['create'];

export const PERIOD_LABEL: Record<TMissionPeriod, string> = { daily: 'Daily', weekly: 'Weekly', once: 'One-off' };
const PERIOD_OPTIONS = MISSION_PERIODS.map((p) => ({ value: p, label: PERIOD_LABEL[p] }));

type State = {
  title: string;
  description: string;
  period: TMissionPeriod;
  goals: GoalLine[];
  rewards: RewardFields;
  sortOrder: string;
  isActive: boolean;
};
type Errors = Partial<Record<'title' | 'description' | 'goals' | 'rewards' | 'sortOrder', string>>;

const stateOf = (m: AdminMission | null): State =>
  m
    ? {
        title: m.title,
        description: m.description,
        period: m.period,
        goals: goalLinesOf(m.requirements),
        rewards: rewardFieldsOf(m.rewards),
        sortOrder: String(m.sortOrder),
        isActive: m.isActive,
      }
    : {
        title: '',
        description: '',
        period: 'daily',
        goals: [{ key: 'slot_spins', target: '' }],
        rewards: { gold: '', gems: '', exp: '' },
        sortOrder: '0',
        isActive: true,
      };

function toInput(f: State): { input: MissionCreate | null; errors: Errors } {
  const e: Errors = {};
  const title = f.title.trim();
  if (title.length < 1 || title.length > 120) e.title = '1–120 characters.';
  if (f.description.length > 2000) e.description = 'At most 2,000 characters.';
  const goals = parseGoals(f.goals);
  if (goals.error) e.goals = goals.error;
  const rewards = parseRewards(f.rewards);
  if (rewards.error) e.rewards = rewards.error;
  const sortOrder = parseWhole(f.sortOrder, -1000, 1000);
  if (typeof sortOrder !== 'number') e.sortOrder = '−1,000 to 1,000.';
  if (Object.keys(e).length || !goals.value || !rewards.value || typeof sortOrder !== 'number') return { input: null, errors: e };
  return {
    errors: e,
    input: {
      title,
      description: f.description,
      period: f.period,
      requirements: goals.value,
      rewards: rewards.value,
      sortOrder,
      isActive: f.isActive,
    },
  };
}

export function MissionForm({ mission, onDone }: { mission: AdminMission | null; onDone: (title: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [f, setF] = useState<State>(() => stateOf(mission));
  const [errors, setErrors] = useState<Errors>({});
  const done = () => {
    void queryClient.invalidateQueries(trpc.admin.missions.pathFilter());
    onDone(f.title.trim());
  };
  const create = useMutation(trpc.admin.missions.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.admin.missions.update.mutationOptions({ onSuccess: done }));
  const save = mission ? update : create;
  const set = <K extends keyof State>(k: K, v: State[K]) => setF((s) => ({ ...s, [k]: v }));

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const { input, errors: found } = toInput(f);
    setErrors(found);
    if (!input) return;
    if (mission) update.mutate({ missionId: mission.id, ...input });
    else create.mutate(input);
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="mission-form">
      <div className="row between">
        <h2>{mission ? `Edit mission #${mission.id}` : 'New mission'}</h2>
        <button type="button" className="link" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
      <div className="grid-2">
        <Field label="Title" name="mission-title" value={f.title} onChange={(e) => set('title', e.target.value)} error={errors.title} />
        <SelectField
          label="Period"
          name="mission-period"
          options={PERIOD_OPTIONS}
          value={f.period}
          onChange={(e) => set('period', e.target.value as TMissionPeriod)}
        />
        <Field
          label="Sort order"
          name="mission-sortOrder"
          inputMode="numeric"
          value={f.sortOrder}
          onChange={(e) => set('sortOrder', e.target.value)}
          error={errors.sortOrder}
        />
      </div>
      <div className="field">
        <label htmlFor="f-mission-description">Description</label>
        <textarea
          id="f-mission-description"
          rows={2}
          maxLength={2000}
          value={f.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </div>
      <GoalsEditor lines={f.goals} onChange={(g) => set('goals', g)} error={errors.goals} />
      <RewardsEditor prefix="mission" value={f.rewards} onChange={(r) => set('rewards', r)} error={errors.rewards} />
      <label className="row check">
        <input
          type="checkbox"
          className="checkbox"
          checked={f.isActive}
          onChange={(e) => set('isActive', e.target.checked)}
          data-testid="field-mission-active"
        />
        Active (players see it)
      </label>
      <ErrorBanner error={save.error} testId="mission-form-error" />
      <button type="submit" className="primary" disabled={save.isPending} data-testid="mission-save">
        {save.isPending ? 'Saving…' : mission ? 'Save changes' : 'Create mission'}
      </button>
    </form>
  );
}
