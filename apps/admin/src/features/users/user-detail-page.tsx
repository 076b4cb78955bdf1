import { ErrorBanner, formatDate, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { hrefFor } from '../../lib/router';
import { AdjustBalanceForm } from './adjust-balance-form';
import { StatusActions } from './status-actions';
import { UserActivity } from './user-activity';

export function UserDetailPage({ userId, selfId }: { userId: number; selfId: number }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.admin.users.get.queryOptions({ userId }));

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorBanner error={detail.error} />;
  const p = detail.data.profile;

  return (
    <div className="stack" data-testid="user-detail">
      <a href={hrefFor({ name: 'users' })}>← Users</a>
      <section className="card stack">
        <div className="row between">
          <h1 data-testid="user-nickname">{p.nickname}</h1>
          <span className="row">
            {p.role === 'admin' && <span className="badge">admin</span>}
            <span className="badge">{p.rank}</span>
            <span className={`badge status-${p.status}`} data-testid="user-status">
              {p.status}
            </span>
          </span>
        </div>
        <dl className="facts">
          <dt>ID</dt>
          <dd>
            #{p.id} · {p.siteId}
          </dd>
          <dt>Gold</dt>
          <dd data-testid="user-gold">{formatNumber(p.gold)}</dd>
          <dt>Gems</dt>
          <dd data-testid="user-gems">{formatNumber(p.gems)}</dd>
          <dt>VIP points</dt>
          <dd>{formatNumber(p.vipPoints)}</dd>
          <dt>Level</dt>
          <dd>
            {p.level} ({formatNumber(p.experience)} / {formatNumber(p.maxExperience)} XP)
          </dd>
          <dt>Phone</dt>
          <dd>{p.phoneNumber ?? '—'}</dd>
          <dt>Joined</dt>
          <dd>{formatDate(p.createdAt)}</dd>
          <dt>Last login</dt>
          <dd>{formatDate(p.lastLoginAt)}</dd>
        </dl>
        <a href={hrefFor({ name: 'audit', targetType: 'user', targetId: String(p.id) })}>Audit entries for this user →</a>
        <a href={hrefFor({ name: 'shop', tab: 'purchases', userId: p.id })} data-testid="user-purchases">
          Shop purchases of this user →
        </a>
      </section>
      <StatusActions userId={p.id} status={p.status} isSelf={p.id === selfId} />
      <AdjustBalanceForm userId={p.id} />
      <UserActivity detail={detail.data} />
    </div>
  );
}
