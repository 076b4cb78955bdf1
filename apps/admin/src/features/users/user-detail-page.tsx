import { ErrorBanner, formatDate, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { AdminOnly } from '../../lib/role';
import { hrefFor } from '../../lib/router';
import { AccessActions } from './access-actions';
import { AdjustBalanceForm } from './adjust-balance-form';
import { DangerZone } from './danger-zone';
import { EditProfileForm } from './edit-profile-form';
import { StaffSecurity } from './staff-security';
import { StatusBadge } from './status-badge';
import { UserActivity } from './user-activity';

export function UserDetailPage({ userId, selfId }: { userId: number; selfId: number }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.admin.users.get.queryOptions({ userId }));

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorBanner error={detail.error} />;
  const p = detail.data.profile;
  const gone = p.status === 'deleted';

  return (
    <div className="stack" data-testid="user-detail">
      <a href={hrefFor({ name: 'users' })}>← Users</a>
      <section className="card stack">
        <div className="row between wrap">
          <h1 data-testid="user-nickname">{p.nickname}</h1>
          <StatusBadge status={p.status} role={p.role} rank={p.rank} locked={detail.data.lockout.locked} />
        </div>
        {p.status === 'banned' && (
          <p className="banner banner-error" data-testid="ban-reason">
            Banned {formatDate(p.bannedAt)}: {p.banReason ?? 'no reason recorded'}
          </p>
        )}
        {gone && (
          <p className="banner" data-testid="anonymised-banner">
            Anonymised {formatDate(p.anonymisedAt)}. The ledger and statistics are kept; the account cannot log in or be changed.
          </p>
        )}
        {p.mustChangePassword && !gone && <p className="banner">Must choose a new password at the next login.</p>}
        <dl className="facts">
          <dt>ID</dt>
          <dd>
            #{p.id} ·{' '}
            <span className="mono" data-testid="user-site-id">
              {p.siteId}
            </span>
          </dd>
          <dt>Gold</dt>
          <dd data-testid="user-gold">{formatNumber(p.gold)}</dd>
          <dt>Gems</dt>
          <dd data-testid="user-gems">{formatNumber(p.gems)}</dd>
          <dt>VIP points</dt>
          <dd>{formatNumber(p.vipPoints)}</dd>
          <dt>Level</dt>
          <dd>
            {p.level} ({formatNumber(p.experience)} / {formatNumber(p.maxExperience)} XP) · battle pass {p.battlepassLevel}
          </dd>
          <dt>Phone</dt>
          <dd>{p.phoneNumber ?? '—'}</dd>
          <dt>Joined</dt>
          <dd>{formatDate(p.createdAt)}</dd>
          <dt>Last login</dt>
          <dd>{formatDate(p.lastLoginAt)}</dd>
        </dl>
        <div className="row wrap">
          <a href={hrefFor({ name: 'audit', targetType: 'user', targetId: String(p.id) })} data-testid="user-audit-link">
            Audit entries for this user →
          </a>
          <a href={hrefFor({ name: 'shop', tab: 'purchases', userId: p.id })} data-testid="user-purchases">
            Shop purchases →
          </a>
          <a href={hrefFor({ name: 'crash', userId: p.id })}>Crash rounds →</a>
        </div>
      </section>
      <div className="detail-grid">
        <AccessActions detail={detail.data} isSelf={p.id === selfId} />
        {!gone && (
          <AdminOnly>
            <EditProfileForm profile={p} />
          </AdminOnly>
        )}
        {!gone && <AdjustBalanceForm userId={p.id} />}
        <AdminOnly>
          <DangerZone profile={p} />
        </AdminOnly>
        {p.role !== 'user' && !gone && (
          <AdminOnly>
            <StaffSecurity detail={detail.data} isSelf={p.id === selfId} />
          </AdminOnly>
        )}
      </div>
      <UserActivity detail={detail.data} />
    </div>
  );
}
