/**
 * Promo codes as a sortable, paged table: discount, uses against max uses, window, state;
 * activate / deactivate (asked in the confirmation dialog) and edit (a panel over the table).
 */
import { ErrorBanner, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { useClientTable } from '../../components/use-client-table';
import { formatCount, formatNumber, formatPercentValue } from '../../lib/format';
import { AdminOnly, useIsAdmin } from '../../lib/role';
import { formatWindow, useRefreshShop } from './format';
import { PromoCreateForm } from './promo-create-form';
import { PromoEditForm } from './promo-edit-form';

export type Promo = RouterOutputs['admin']['shop']['promos']['list'][number];

const discountText = (p: Promo) => (p.kind === 'percent' ? `−${formatPercentValue(p.value)}` : `−${formatNumber(p.value)} fixed`);

export function PromosTab() {
  const trpc = useTRPC();
  const refresh = useRefreshShop();
  const isAdmin = useIsAdmin();
  const flash = useFlash();
  const list = useQuery(trpc.admin.shop.promos.list.queryOptions());
  const [activeOnly, setActiveOnly] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const toggle = useMutation(
    trpc.admin.shop.promos.update.mutationOptions({
      onSuccess: (_r, v) => {
        flash.show(`${v.code} ${v.isActive ? 'is accepted again' : 'is no longer accepted'}.`);
        refresh();
      },
    }),
  );
  const all = list.data ?? [];
  const rows = all.filter((p) => !activeOnly || p.isActive);
  const table = useClientTable(rows, { key: 'createdAt', dir: 'desc' }, (p, k) => p[k as keyof Promo]);
  const current = all.find((p) => p.code === editing);
  const now = new Date();

  const columns: Column<Promo>[] = [
    {
      key: 'code',
      header: 'Code',
      sortable: true,
      cell: (p) => (
        <>
          <strong className="mono">{p.code}</strong>
          {p.perUserOnce && <div className="muted small-text">once per player</div>}
        </>
      ),
    },
    { key: 'value', header: 'Discount', numeric: true, sortable: true, cell: (p) => discountText(p) },
    {
      key: 'usedCount',
      header: 'Uses',
      numeric: true,
      sortable: true,
      cell: (p) => (
        <>
          <span data-testid="promo-uses">
            used {formatNumber(p.usedCount)}
            {p.maxUses === null ? ' (unlimited)' : ` of ${formatNumber(p.maxUses)}`}
          </span>
          {p.maxUses !== null && (
            <div
              className="bar thin"
              role="progressbar"
              aria-label={`Uses of ${p.code}`}
              aria-valuemin={0}
              aria-valuemax={p.maxUses}
              aria-valuenow={p.usedCount}
            >
              <div className="bar-fill" style={{ width: `${p.maxUses ? Math.min(100, (p.usedCount / p.maxUses) * 100) : 0}%` }} />
            </div>
          )}
        </>
      ),
    },
    {
      key: 'endsAt',
      header: 'Window',
      sortable: true,
      wide: true,
      cell: (p) => <span className="small-text">{formatWindow(p.startsAt, p.endsAt)}</span>,
    },
    {
      key: 'isActive',
      header: 'State',
      sortable: true,
      cell: (p) => {
        const usedUp = p.maxUses !== null && p.usedCount >= p.maxUses;
        const outside = (p.endsAt !== null && p.endsAt <= now) || (p.startsAt !== null && p.startsAt > now);
        return (
          <>
            <span className={`badge ${p.isActive ? 'ok-badge' : ''}`} data-testid="promo-status">
              {p.isActive ? 'active' : 'inactive'}
            </span>
            {usedUp && <span className="badge bad-badge">used up</span>}
            {outside && <span className="badge bad-badge">outside window</span>}
          </>
        );
      },
    },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (p) => (
        <span className="row">
          <button
            type="button"
            className="small"
            aria-expanded={editing === p.code}
            onClick={() => setEditing(editing === p.code ? null : p.code)}
            data-testid="promo-edit"
          >
            Edit
          </button>
          {p.isActive ? (
            <ConfirmAction
              label="Deactivate"
              title={`Stop promo code ${p.code}?`}
              confirmLabel="Stop this code"
              danger
              disabled={toggle.isPending}
              onConfirm={() => toggle.mutate({ code: p.code, isActive: false })}
              testId="promo-deactivate"
            >
              <p>Quotes and purchases refuse it from now on; discounts already given stay.</p>
            </ConfirmAction>
          ) : (
            <ConfirmAction
              label="Activate"
              title={`Accept promo code ${p.code}?`}
              confirmLabel="Accept this code"
              disabled={toggle.isPending}
              onConfirm={() => toggle.mutate({ code: p.code, isActive: true })}
              testId="promo-activate"
            >
              <p>Players can use it again within its window and uses.</p>
            </ConfirmAction>
          )}
        </span>
      ),
    });
  }

  return (
    <div className="stack" data-testid="shop-promos">
      <AdminOnly>
        <PromoCreateForm />
      </AdminOnly>
      {current && isAdmin && (
        <PromoEditForm
          key={current.code}
          promo={current}
          onDone={(saved) => {
            setEditing(null);
            if (saved) flash.show(`${current.code} saved.`);
          }}
        />
      )}
      <div className="row between">
        <label className="row check">
          <input type="checkbox" className="checkbox" checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)} />
          Active only
        </label>
        <span className="muted small-text">
          {formatCount(all.length, 'code')} · {formatNumber(all.filter((p) => p.isActive).length)} active
        </span>
      </div>
      {list.isPending && <Loading />}
      <Flash message={flash.message} testId="promo-result" />
      <ErrorBanner error={list.error ?? toggle.error} testId="promo-error" />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(p) => p.code}
        caption="Promo codes"
        empty="No promo codes."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="promos-table"
        rowTestId="promo-row"
        rowAttrs={(p) => ({ 'data-code': p.code, 'data-active': String(p.isActive) })}
      />
    </div>
  );
}
