import type { TRank, TUserStatus } from '@casino/shared';

const STATUS_LABEL: Record<TUserStatus, string> = { active: 'active', banned: 'banned', deleted: 'anonymised' };

export function StatusBadge({ status, role, rank, locked }: { status: TUserStatus; role: string; rank?: TRank; locked?: boolean }) {
  return (
    <span className="row tight">
      <span className={`badge status-${status}`} data-testid="user-status">
        {STATUS_LABEL[status]}
      </span>
      {locked && <span className="badge status-locked">locked</span>}
      {role !== 'user' && <span className="badge">{role}</span>}
      {rank && rank !== 'STANDARD' && <span className="badge">{rank}</span>}
    </span>
  );
}
