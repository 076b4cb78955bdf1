import { BalancesSection } from './balances-section';
import { FlowsSection } from './flows-section';
import { MovementsSection } from './movements-section';
import { ReconcileSection } from './reconcile-section';
import './economy.css';

/** Reconciliation and its history, sources and sinks of gold and gems, who holds the most, large movements. Its own chunk (recharts). */
export function EconomyPage() {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return (
    <div className="stack economy" data-testid="economy-page">
      <h1>Economy</h1>
      <ReconcileSection />
      <FlowsSection timeZone={timeZone} />
      <div className="economy-grid">
        <BalancesSection />
        <MovementsSection />
      </div>
    </div>
  );
}
