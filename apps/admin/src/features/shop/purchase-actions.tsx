/**
 * The actions of one purchase in the detail drawer: a completed purchase can be refunded
 * (`admin.shop.refund`) with a reason that goes into the audit log, asked once more. Cash is
 * refunded through the gateway; gold/gems prices come back through the ledger; what the
 * purchase granted is taken back, and what the player already spent is recorded as debt.
 */
import { ErrorBanner, Field, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { Flash, useFlash } from '../../components/flash';
import type { AdminPurchase } from './purchase-drawer';

export function PurchaseActions({ purchase, onChanged }: { purchase: AdminPurchase; onChanged: () => void }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const flash = useFlash();
  const refund = useMutation(
    trpc.admin.shop.refund.mutationOptions({
      onSuccess: (r) => {
        setReason('');
        flash.show(
          r.flaggedForReview ? 'Refunded. Part of the grant was already spent: recorded as debt and flagged for review.' : 'Refunded.',
        );
        onChanged();
      },
    }),
  );
  if (purchase.status !== 'completed') return <Flash message={flash.message} testId="refund-done" />;
  const reasonOk = () => {
    const ok = reason.trim().length >= 3;
    setReasonError(ok ? null : 'Say why (at least 3 characters); it goes into the audit log.');
    return ok;
  };
  return (
    <div className="stack tight" data-testid="purchase-refund">
      <Field
        label="Reason for the refund"
        name="refund-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={reasonError ?? undefined}
      />
      <ConfirmAction
        label="Refund…"
        title="Refund this purchase?"
        confirmLabel="Refund and take the grant back"
        danger
        testId="refund-button"
        canOpen={reasonOk}
        pending={refund.isPending}
        onConfirm={() => refund.mutate({ purchaseId: purchase.id, reason: reason.trim() })}
      >
        <p>The price goes back to the player and what the purchase granted is taken back; anything already spent is recorded as debt.</p>
      </ConfirmAction>
      <ErrorBanner error={refund.error} />
      <Flash message={flash.message} testId="refund-done" />
    </div>
  );
}
