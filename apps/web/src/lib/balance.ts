/**
 * Game answers carry the balance after the round. The live token_update events set the
 * same numbers, but they only reach a connected subscription; writing the answer too keeps
 * the header right when the stream was still connecting. Both write the cached `auth.me`.
 */
import { useTRPC } from '@casino/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

export function useSetBalance() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (currency: 'gold' | 'gems', balance: number) =>
      queryClient.setQueryData(trpc.auth.me.queryKey(), (me) => (me ? { ...me, [currency]: balance } : me)),
    [trpc, queryClient],
  );
}
