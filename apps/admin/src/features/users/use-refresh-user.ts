import { useTRPC } from '@casino/ui';
import { useQueryClient } from '@tanstack/react-query';

/** After a change to one user: their detail, the user list and the audit log are stale; nothing else is. */
export function useRefreshUser(userId: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.users.get.queryFilter({ userId })),
      queryClient.invalidateQueries(trpc.admin.users.list.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.audit.pathFilter()),
    ]);
}
