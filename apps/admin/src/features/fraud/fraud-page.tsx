import { AdminOnly } from '../../lib/role';
import { type FraudTab, hrefFor } from '../../lib/router';
import { DecisionsPanel } from './decisions-panel';
import { RulesPanel } from './rules-panel';
import { ThresholdsForm } from './thresholds-form';

const TABS: { tab: FraudTab; label: string }[] = [
  { tab: 'rules', label: 'Rules' },
  { tab: 'decisions', label: 'Decisions' },
  { tab: 'thresholds', label: 'Thresholds' },
];

/** Fraud rules (SPEC §5): the rules editor, the decisions to review, and the score thresholds; the tab lives in the hash. */
export function FraudPage({ tab }: { tab: FraudTab }) {
  return (
    <div className="stack" data-testid="fraud-page">
      <h1>Fraud</h1>
      <nav className="tabs" aria-label="Fraud sections">
        {TABS.map((t) => (
          <a
            key={t.tab}
            href={hrefFor({ name: 'fraud', tab: t.tab })}
            aria-current={tab === t.tab ? 'page' : undefined}
            data-testid={`fraud-tab-${t.tab}`}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {tab === 'rules' && <RulesPanel />}
      {tab === 'decisions' && <DecisionsPanel />}
      {tab === 'thresholds' && (
        <AdminOnly>
          <ThresholdsForm />
        </AdminOnly>
      )}
    </div>
  );
}
