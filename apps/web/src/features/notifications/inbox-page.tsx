import './notifications.css';
import { ErrorBanner, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { NotificationItem } from './notification-item';
import { UNREAD_INPUT } from './use-unread';

const PAGE = 20;

/** The player's notifications, newest first and paged; all or unread only; mark one or all read. */
export function InboxPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery(
    trpc.economy.notifications.list.infiniteQueryOptions(
      { limit: PAGE, ...(unreadOnly ? { unreadOnly: true } : {}) },
      { getNextPageParam: (p) => p.nextCursor ?? undefined },
    ),
  );
  const markRead = useMutation(
    trpc.economy.notifications.markRead.mutationOptions({
      onSuccess: ({ unread }) => {
        // The bell follows at once; the lists refetch for their read marks.
        queryClient.setQueryData(trpc.economy.notifications.list.queryKey(UNREAD_INPUT), (p) => (p ? { ...p, unread } : p));
        return queryClient.invalidateQueries(trpc.economy.notifications.pathFilter());
      },
    }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  const markingOne = (id: string) => markRead.isPending && markRead.variables?.ids?.includes(id) === true;

  return (
    <div className="stack" data-testid="inbox">
      <div className="row between">
        <h1>Inbox</h1>
        <span className="badge" data-testid="inbox-unread">
          {unread} unread
        </span>
      </div>
      <div className="row between">
        <fieldset className="toggle-group">
          <legend className="visually-hidden">Show</legend>
          <button type="button" aria-pressed={!unreadOnly} onClick={() => setUnreadOnly(false)} data-testid="filter-all">
            All
          </button>
          <button type="button" aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)} data-testid="filter-unread">
            Unread
          </button>
        </fieldset>
        <button
          type="button"
          className="small"
          onClick={() => markRead.mutate({})}
          disabled={unread === 0 || markRead.isPending}
          data-testid="mark-all-read"
        >
          Mark all read
        </button>
      </div>
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? markRead.error} />
      {list.isSuccess && items.length === 0 && (
        <p className="muted card" data-testid="inbox-empty">
          {unreadOnly
            ? 'Nothing unread. You are all caught up.'
            : 'No notifications yet. News, rewards and announcements will show up here.'}
        </p>
      )}
      <ul className="stack plain">
        {items.map((n) => (
          <NotificationItem key={n.id} item={n} marking={markingOne(n.id)} onRead={() => markRead.mutate({ ids: [n.id] })} />
        ))}
      </ul>
      <MoreButton list={list} label="Show older" testId="more-notifications" />
    </div>
  );
}
