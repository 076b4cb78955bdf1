/** Create or edit an event: SPEC §4 fields, goals from CONTRACT's requirement keys, rewards. */
import { EVENT_TYPES, type TEventType } from '@casino/shared';
import { ErrorBanner, Field, fieldErrorsOf, type RouterInputs, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { SelectField } from '../../components/select-field';
import { fromLocalInput, parseWhole, toLocalInput } from '../shop/format';
import { type GoalLine, goalLinesOf, parseGoals, parseRewards, type RewardFields, rewardFieldsOf } from './goals';
import { GoalsEditor, RewardsEditor } from './goals-editor';

type AdminEvent = RouterOutputs['admin']['events']['list']['items'][number];
type EventCreate = RouterInputs['admin']['events']['create'];

const TYPE_OPTIONS = EVENT_TYPES.map((t) => ({ value: t, label: t[0]?.toUpperCase() + t.slice(1) }));
const DAY = 86_400_000;

type State = {
  title: string;
  description: string;
  type: TEventType;
  startsAt: string;
  endsAt: string;
  goals: GoalLine[];
  rewards: RewardFields;
  priority: string;
  isActive: boolean;
};

const emptyState = (): State => ({
  title: '',
  description: '',
  type: 'special',
  startsAt: toLocalInput(new Date()),
  endsAt: toLocalInput(new Date(Date.now() + 7 * DAY)),
  goals: [{ key: 'slot_spins', target: '' }],
  rewards: { gold: '', gems: '', exp: '' },
  priority: '0',
  isActive: true,
});

const stateOf = (e: AdminEvent): State => ({
  title: e.title,
  description: e.description,
  type: e.type,
  startsAt: toLocalInput(e.startsAt),
  endsAt: toLocalInput(e.endsAt),
  goals: goalLinesOf(e.requirements),
  rewards: rewardFieldsOf(e.rewards),
  priority: String(e.priority),
  isActive: e.isActive,
});

type Errors = Partial<Record<'title' | 'description' | 'startsAt' | 'endsAt' | 'goals' | 'rewards' | 'priority', string>>;

function toInput(f: State): { input: EventCreate | null; errors: Errors } {
  const e: Errors = {};
  const title = f.title.trim();
  if (title.length < 1 || title.length > 120) e.title = '1–120 characters.';
  if (f.description.length > 2000) e.description = 'At most 2,000 characters.';
  const startsAt = fromLocalInput(f.startsAt);
  const endsAt = fromLocalInput(f.endsAt);
  if (!startsAt) e.startsAt = 'When the event starts.';
  if (!endsAt) e.endsAt = 'When the event ends.';
  if (startsAt && endsAt && endsAt <= startsAt) e.endsAt = 'The event must end after it starts.';
  const goals = parseGoals(f.goals);
  if (goals.error) e.goals = goals.error;
  const rewards = parseRewards(f.rewards);
  if (rewards.error) e.rewards = rewards.error;
  const priority = parseWhole(f.priority, -1000, 1000);
  if (typeof priority !== 'number') e.priority = '−1,000 to 1,000 (higher shows first).';
  if (Object.keys(e).length || !startsAt || !endsAt || !goals.value || !rewards.value || typeof priority !== 'number')
    return { input: null, errors: e };
  return {
    errors: e,
    input: {
      title,
      description: f.description,
      type: f.type,
      startsAt,
      endsAt,
      requirements: goals.value,
      rewards: rewards.value,
      priority,
      isActive: f.isActive,
    },
  };
}

export function EventForm({ event, onDone }: { event: AdminEvent | null; onDone: (title: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [f, setF] = useState<State>(() => (event ? stateOf(event) : emptyState()));
  const [errors, setErrors] = useState<Errors>({});
  const done = () => {
    void queryClient.invalidateQueries(trpc.admin.events.pathFilter());
    onDone(f.title.trim());
  };
  const create = useMutation(trpc.admin.events.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.admin.events.update.mutationOptions({ onSuccess: done }));
  const save = event ? update : create;
  const server = fieldErrorsOf(save.error);
  const set = <K extends keyof State>(k: K, v: State[K]) => setF((s) => ({ ...s, [k]: v }));

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const { input, errors: found } = toInput(f);
    setErrors(found);
    if (!input) return;
    if (event) update.mutate({ eventId: event.id, ...input });
    else create.mutate(input);
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="event-form">
      <div className="row between">
        <h2>{event ? `Edit event #${event.id}` : 'New event'}</h2>
        <button type="button" className="link" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
      <div className="grid-2">
        <Field
          label="Title"
          name="event-title"
          value={f.title}
          onChange={(e) => set('title', e.target.value)}
          error={errors.title ?? server.title}
        />
        <SelectField
          label="Type"
          name="event-type"
          options={TYPE_OPTIONS}
          value={f.type}
          onChange={(e) => set('type', e.target.value as TEventType)}
        />
      </div>
      <div className="field">
        <label htmlFor="f-event-description">Description</label>
        <textarea
          id="f-event-description"
          data-testid="field-event-description"
          rows={2}
          maxLength={2000}
          value={f.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </div>
      <div className="grid-2">
        <Field
          label="Starts"
          name="event-startsAt"
          type="datetime-local"
          value={f.startsAt}
          onChange={(e) => set('startsAt', e.target.value)}
          error={errors.startsAt}
        />
        <Field
          label="Ends"
          name="event-endsAt"
          type="datetime-local"
          value={f.endsAt}
          onChange={(e) => set('endsAt', e.target.value)}
          error={errors.endsAt}
        />
        <Field
          label="Priority"
          name="event-priority"
          inputMode="numeric"
          value={f.priority}
          onChange={(e) => set('priority', e.target.value)}
          error={errors.priority}
        />
      </div>
      <GoalsEditor lines={f.goals} onChange={(g) => set('goals', g)} error={errors.goals} />
      <RewardsEditor prefix="event" value={f.rewards} onChange={(r) => set('rewards', r)} error={errors.rewards} />
      <label className="row check">
        <input
          type="checkbox"
          className="checkbox"
          checked={f.isActive}
          onChange={(e) => set('isActive', e.target.checked)}
          data-testid="field-event-active"
        />
        Published (players see it)
      </label>
      <ErrorBanner error={save.error} testId="event-form-error" />
      <button type="submit" className="primary" disabled={save.isPending} data-testid="event-save">
        {save.isPending ? 'Saving…' : event ? 'Save changes' : 'Create event'}
      </button>
    </form>
  );
}
