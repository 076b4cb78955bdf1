type Paged = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

/** The next-page button of a cursor-paged list (useInfiniteQuery), shown while there is a next page. */
export function MoreButton({ list, label, testId }: { list: Paged; label: string; testId?: string }) {
  if (!list.hasNextPage) return null;
  return (
    <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} data-testid={testId}>
      {list.isFetchingNextPage ? 'Loading…' : label}
    </button>
  );
}
