import { FRAUD_FEATURE_NAMES, FRAUD_FEATURES } from '@casino/shared';

/** The features a condition may name, with their type and meaning. */
export function FeatureReference() {
  return (
    <details data-testid="feature-reference">
      <summary className="muted small-text">Features ({FRAUD_FEATURE_NAMES.length})</summary>
      <dl className="facts compact feature-list">
        {FRAUD_FEATURE_NAMES.map((name) => (
          <div key={name} className="contents">
            <dt className="mono">
              {name} <span className="badge">{FRAUD_FEATURES[name].type}</span>
            </dt>
            <dd>{FRAUD_FEATURES[name].label}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
