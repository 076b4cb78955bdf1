import type { TFraudCondition, TFraudFeatures } from '@casino/shared';
import { ErrorBanner, Field, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { parseJson, pretty } from './format';

/**
 * Dry run: does the condition hold over these sample features? Runs on the server
 * (admin.fraud.rules.test), nothing is stored. A player's current windows can be loaded in.
 */
export function PreviewPanel({ condition, initialSample }: { condition: TFraudCondition | null; initialSample: TFraudFeatures }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [sampleText, setSampleText] = useState(pretty(initialSample));
  const [userId, setUserId] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const test = useMutation(trpc.admin.fraud.rules.test.mutationOptions());
  // A result is shown only for the condition and sample it was computed from.
  const inputKey = JSON.stringify([condition, sampleText]);
  const [ranFor, setRanFor] = useState<string | null>(null);
  const sample = parseJson(sampleText);
  const sampleProblem = !sample.ok
    ? sample.error
    : typeof sample.value !== 'object' || sample.value === null || Array.isArray(sample.value)
      ? 'An object of feature values.'
      : null;

  const run = () => {
    if (!condition || sampleProblem || !sample.ok) return;
    setRanFor(inputKey);
    test.mutate({ condition, features: sample.value as Partial<TFraudFeatures> });
  };

  const loadPlayer = async () => {
    const id = Number(userId.trim());
    if (!Number.isSafeInteger(id) || id <= 0) return setLoadError(new Error('A user number, e.g. 42.'));
    setLoadError(null);
    setLoading(true);
    try {
      const f = await queryClient.fetchQuery(trpc.admin.fraud.features.queryOptions({ userId: id }, { staleTime: 0 }));
      const base = sample.ok && typeof sample.value === 'object' && sample.value ? sample.value : initialSample;
      setSampleText(
        pretty({
          ...base,
          ...f.windows,
          accountAgeHours: f.accountAgeHours,
          cooldownSeconds: f.cooldownSeconds,
          hasIp: f.ip !== null,
          hasDeviceId: f.deviceId !== null,
        }),
      );
    } catch (e) {
      setLoadError(e);
    } finally {
      setLoading(false);
    }
  };

  return (
    <fieldset className="preview stack" data-testid="rule-preview">
      <legend className="muted small-text">Preview against sample features</legend>
      <div className="row preview-load">
        <Field
          label="Load a player's current windows"
          name="previewUser"
          inputMode="numeric"
          placeholder="User ID"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
        />
        <button type="button" className="small" onClick={() => void loadPlayer()} disabled={loading} data-testid="preview-load">
          {loading ? 'Loading…' : 'Load'}
        </button>
      </div>
      {loadError instanceof Error && !('data' in loadError) ? (
        <p className="field-error">{loadError.message}</p>
      ) : (
        <ErrorBanner error={loadError} testId="preview-load-error" />
      )}
      <textarea
        className="mono code-input"
        rows={8}
        spellCheck={false}
        value={sampleText}
        onChange={(e) => setSampleText(e.target.value)}
        aria-label="Sample features (JSON)"
        aria-invalid={sampleProblem ? true : undefined}
        data-testid="preview-sample"
      />
      {sampleProblem && <p className="field-error small-text">{sampleProblem}</p>}
      <div className="row">
        <button type="button" onClick={run} disabled={!condition || sampleProblem !== null || test.isPending} data-testid="preview-run">
          Run preview
        </button>
        {test.isSuccess && ranFor === inputKey && (
          <strong
            className={test.data.matched ? 'preview-hit' : 'preview-miss'}
            data-testid="preview-result"
            data-matched={String(test.data.matched)}
          >
            {test.data.matched ? 'Matches: the score would be added' : 'Does not match'}
          </strong>
        )}
      </div>
      <ErrorBanner error={test.error} testId="preview-error" />
    </fieldset>
  );
}
