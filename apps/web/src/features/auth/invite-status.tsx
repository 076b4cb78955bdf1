import { reasonText } from '@casino/shared';
import { formatDate, useDebounced, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';

export type InviteState = 'empty' | 'checking' | 'valid' | 'expired' | 'exhausted' | 'unknown' | 'inactive' | 'error';

/** Asks the server about the code once typing pauses; states mirror validateInvite's reasons. */
export function useInviteCheck(code: string): { state: InviteState; text: string } {
  const trpc = useTRPC();
  const trimmed = code.trim();
  const settled = useDebounced(trimmed, 350);
  const query = useQuery(trpc.auth.validateInvite.queryOptions({ code: settled }, { enabled: settled.length > 0, staleTime: 30_000 }));
  if (!trimmed) return { state: 'empty', text: '' };
  if (settled !== trimmed || query.isPending) return { state: 'checking', text: 'Checking code…' };
  if (query.isError) return { state: 'error', text: 'Could not check the code right now.' };
  const r = query.data;
  if (r.isValid) {
    const parts = ['Invite code accepted'];
    if (r.remainingUses !== null) parts.push(`${r.remainingUses} ${r.remainingUses === 1 ? 'use' : 'uses'} left`);
    if (r.expiresAt) parts.push(`expires ${formatDate(r.expiresAt)}`);
    return { state: 'valid', text: parts.join(' · ') };
  }
  const reason = r.reason ?? 'invite_unknown';
  const state = reason.replace('invite_', '') as InviteState;
  return { state, text: reasonText(reason) ?? r.errorMessage ?? 'That invite code cannot be used.' };
}

export function InviteStatus({ state, text }: { state: InviteState; text: string }) {
  if (state === 'empty') return null;
  const tone = state === 'valid' ? 'ok' : state === 'checking' ? 'muted' : 'bad';
  return (
    <p className={`invite-status ${tone}`} data-testid="invite-status" data-state={state} aria-live="polite">
      {text}
    </p>
  );
}
