import { ErrorBanner, Field, fieldErrorsOf, formatDate, formatNumber, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Flash, useFlash } from '../../components/flash';
import { SelectField } from '../../components/select-field';
import { type Compose, type ComposeForm, EMPTY_FORM, type FieldErrors, LINKS, toCompose } from './compose-input';

type Result = { kind: 'send'; userId: number } | { kind: 'broadcast'; recipients: number } | { kind: 'schedule'; sendAt: Date };

/**
 * One form for the three ways to notify: one player now (send), everyone now (broadcast,
 * asked twice), or either later (schedule). The scheduled jobs list refreshes after each.
 */
export function Composer() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ComposeForm>(EMPTY_FORM);
  const [local, setLocal] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState<Compose | null>(null);
  const flash = useFlash();
  const done = (r: Result) => {
    flash.show(
      r.kind === 'send'
        ? `Sent to player #${r.userId}.`
        : r.kind === 'broadcast'
          ? `Broadcast to ${formatNumber(r.recipients)} players.`
          : `Scheduled for ${formatDate(r.sendAt)}.`,
    );
    setConfirming(null);
    setForm((f) => ({ ...EMPTY_FORM, audience: f.audience, later: f.later }));
    void queryClient.invalidateQueries(trpc.admin.notifications.jobs.pathFilter());
  };
  const send = useMutation(
    trpc.admin.notifications.send.mutationOptions({ onSuccess: (_, v) => done({ kind: 'send', userId: v.userId }) }),
  );
  const broadcast = useMutation(
    trpc.admin.notifications.broadcast.mutationOptions({ onSuccess: (r) => done({ kind: 'broadcast', recipients: r.recipients }) }),
  );
  const schedule = useMutation(
    trpc.admin.notifications.schedule.mutationOptions({ onSuccess: (r) => done({ kind: 'schedule', sendAt: r.sendAt }) }),
  );
  const pending = send.isPending || broadcast.isPending || schedule.isPending;
  const error = send.error ?? broadcast.error ?? schedule.error;
  const server = fieldErrorsOf(error);
  const set = (patch: Partial<ComposeForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setConfirming(null);
  };

  const run = (c: Compose) => {
    for (const m of [send, broadcast, schedule]) m.reset();
    flash.clear();
    if (c.kind === 'send') send.mutate(c.input);
    else if (c.kind === 'broadcast') broadcast.mutate(c.input);
    else schedule.mutate(c.input);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = toCompose(form, new Date());
    setLocal(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    // Everyone, now: a second, explicit click.
    if (checked.value.kind === 'broadcast') setConfirming(checked.value);
    else run(checked.value);
  };

  const label = form.later ? 'Schedule' : form.audience === 'all' ? 'Broadcast to everyone' : 'Send';
  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="composer" aria-labelledby="composer-title">
      <h2 id="composer-title">New notification</h2>
      <div className="grid-2">
        <SelectField
          label="To"
          name="audience"
          value={form.audience}
          onChange={(e) => set({ audience: e.target.value === 'all' ? 'all' : 'user' })}
          options={[
            { value: 'user', label: 'One player' },
            { value: 'all', label: 'Every player' },
          ]}
        />
        <SelectField
          label="When"
          name="when"
          value={form.later ? 'later' : 'now'}
          onChange={(e) => set({ later: e.target.value === 'later' })}
          options={[
            { value: 'now', label: 'Now' },
            { value: 'later', label: 'Later' },
          ]}
        />
      </div>
      {(form.audience === 'user' || form.later) && (
        <div className="grid-2">
          {form.audience === 'user' && (
            <Field
              label="Player id"
              name="userId"
              inputMode="numeric"
              value={form.userId}
              onChange={(e) => set({ userId: e.target.value })}
              error={local.userId ?? server.userId}
            />
          )}
          {form.later && (
            <Field
              label="Send at"
              name="sendAt"
              type="datetime-local"
              value={form.sendAt}
              onChange={(e) => set({ sendAt: e.target.value })}
              error={local.sendAt ?? server.sendAt}
            />
          )}
        </div>
      )}
      <Field
        label="Title"
        name="title"
        maxLength={120}
        value={form.title}
        onChange={(e) => set({ title: e.target.value })}
        error={local.title ?? server.title}
      />
      <div className="field">
        <label htmlFor="f-body">Message</label>
        <textarea
          id="f-body"
          name="body"
          rows={4}
          maxLength={2000}
          value={form.body}
          onChange={(e) => set({ body: e.target.value })}
          aria-invalid={(local.body ?? server.body) ? true : undefined}
          aria-describedby={(local.body ?? server.body) ? 'f-body-err' : undefined}
          data-testid="field-body"
        />
        {(local.body ?? server.body) && (
          <p className="field-error" id="f-body-err" data-testid="field-body-error">
            {local.body ?? server.body}
          </p>
        )}
      </div>
      <div className="grid-2">
        <SelectField label="Opens" name="link" value={form.link} onChange={(e) => set({ link: e.target.value })} options={LINKS} />
        <Field
          label="Expires after (days)"
          name="ttlDays"
          inputMode="numeric"
          value={form.ttlDays}
          onChange={(e) => set({ ttlDays: e.target.value })}
          error={local.ttlDays ?? server.ttlDays}
        />
      </div>
      {confirming ? (
        <div className="banner stack tight" role="alertdialog" aria-labelledby="confirm-text" data-testid="broadcast-confirm">
          <span id="confirm-text">Send “{form.title.trim()}” to every active player now? This cannot be undone.</span>
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => run(confirming)}
              disabled={pending}
              data-testid="broadcast-confirm-yes"
            >
              {pending ? 'Sending…' : 'Yes, send to everyone'}
            </button>
            <button type="button" onClick={() => setConfirming(null)} disabled={pending}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="primary" disabled={pending} data-testid="composer-submit">
          {pending ? 'Sending…' : label}
        </button>
      )}
      <Flash message={flash.message} testId="composer-result" />
      <ErrorBanner error={error} testId="composer-error" />
    </form>
  );
}
