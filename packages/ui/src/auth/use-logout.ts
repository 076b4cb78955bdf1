import { useMutation } from '@tanstack/react-query';
import { useSpa } from '../spa-provider';
import { useTRPC } from '../trpc';

/** Revokes this device's session on the server, then forgets it locally whatever the answer. */
export function useLogout() {
  const trpc = useTRPC();
  const { session, tokens } = useSpa();
  const mutation = useMutation(trpc.auth.logout.mutationOptions({ onSettled: () => session.end() }));
  return {
    logout: () => mutation.mutate({ refreshToken: tokens.get()?.refreshToken }),
    pending: mutation.isPending,
  };
}
