import { type RouterOutputs, useTRPC } from '@casino/ui';
import { useQueryClient } from '@tanstack/react-query';
import { navigate } from '../../lib/router';
import { session } from '../../lib/spa';

/** Stores a fresh token pair and seeds `auth.me` from the login/signup answer (one round trip fewer). */
export function useSignIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (res: RouterOutputs['auth']['login']) => {
    session.start({ accessToken: res.accessToken, refreshToken: res.refreshToken });
    queryClient.setQueryData(trpc.auth.me.queryKey(), res.user);
    navigate('home');
  };
}
