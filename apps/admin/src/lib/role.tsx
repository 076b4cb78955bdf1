/**
 * The signed-in staff role, for hiding what a support account cannot do (the server refuses it
 * anyway with support_not_allowed; this only keeps dead controls off the screen).
 */
import { useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';

export const isStaffRole = (role: string | undefined) => role === 'admin' || role === 'support';

export function useIsAdmin(): boolean {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  return me.data?.role === 'admin';
}

/** Renders its children for the admin role only. */
export function AdminOnly({ children }: { children: ReactNode }) {
  return useIsAdmin() ? children : null;
}
