import { ConfirmAction } from '../../components/confirm-action';
import type { AdminEvent } from './events-tab';

type Mut = { mutate: (v: { eventId: number }) => void };

/** Edit, publish or deactivate, and delete (typed id) for one event row. */
export function EventActions({
  event: e,
  busy,
  onEdit,
  publish,
  deactivate,
  remove,
}: {
  event: AdminEvent;
  busy: boolean;
  onEdit: () => void;
  publish: Mut;
  deactivate: Mut;
  remove: Mut;
}) {
  return (
    <>
      <button type="button" className="small" onClick={onEdit} data-testid="event-edit">
        Edit
      </button>
      {e.isActive ? (
        <ConfirmAction
          label="Deactivate"
          title={`Hide “${e.title}” from players?`}
          confirmLabel="Hide from players"
          danger
          disabled={busy}
          onConfirm={() => deactivate.mutate({ eventId: e.id })}
          testId="event-deactivate"
        >
          <p>Players stop seeing it; their progress is kept.</p>
        </ConfirmAction>
      ) : (
        <ConfirmAction
          label="Publish"
          title={`Show “${e.title}” to players?`}
          confirmLabel="Show to players"
          disabled={busy}
          onConfirm={() => publish.mutate({ eventId: e.id })}
          testId="event-publish"
        >
          <p>Players see it during its window and can join.</p>
        </ConfirmAction>
      )}
      <ConfirmAction
        label="Delete"
        title={`Delete “${e.title}”?`}
        confirmLabel="Delete event"
        danger
        disabled={busy}
        onConfirm={() => remove.mutate({ eventId: e.id })}
        testId="event-delete"
        typeToConfirm={String(e.id)}
      >
        <p>The event and its participations are removed for good. Rewards already claimed stay with the players.</p>
      </ConfirmAction>
    </>
  );
}
