/**
 * ─── REFUND SPOT (for the lead) ───────────────────────────────────────────────────────────
 * The actions of one purchase in the detail drawer. Wire `admin.shop.refund { purchaseId,
 * reason }` here once it is on main: for a `completed` purchase, a reason field (≥ 3
 * characters, audited) and a Refund button that asks once more (ConfirmButton, danger); on
 * success call `onChanged()` (the drawer and the list refetch and show refundedAt,
 * refundReason, clawedBack and debt), on failure an <ErrorBanner> (purchase_not_refundable,
 * refund_failed, …). Other statuses show nothing here.
 * ───────────────────────────────────────────────────────────────────────────────────────────
 */
import type { AdminPurchase } from './purchase-drawer';

export function PurchaseActions(_props: { purchase: AdminPurchase; onChanged: () => void }) {
  return null;
}
