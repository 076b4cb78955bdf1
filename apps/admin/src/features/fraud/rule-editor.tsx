import { checkFraudCondition, FRAUD_NEUTRAL_FEATURES, ZFraudRuleId } from '@casino/shared';
import { appErrorOf, ErrorBanner, Field, fieldErrorsOf, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FeatureReference } from './feature-reference';
import { parseJson, pretty } from './format';
import { PreviewPanel } from './preview-panel';
import type { FraudRule } from './rules-panel';

const STARTER = { feature: 'ipAttempts10m', op: 'gt', value: 10 };

/** Create or edit one rule: the condition is JSON checked as you type (the same checker the server runs). */
export function RuleEditor({ rule, onDone }: { rule: FraudRule | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [id, setId] = useState(rule?.id ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [score, setScore] = useState(String(rule?.score ?? 20));
  const [isActive, setIsActive] = useState(rule?.isActive ?? true);
  const [conditionText, setConditionText] = useState(pretty(rule?.condition ?? STARTER));
  const [touched, setTouched] = useState(false);
  const save = useMutation(
    trpc.admin.fraud.rules.upsert.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.admin.fraud.rules.list.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
        onDone();
      },
    }),
  );

  const parsed = parseJson(conditionText);
  const checked = parsed.ok ? checkFraudCondition(parsed.value) : null;
  const conditionIssues = !parsed.ok ? [parsed.error] : checked && !checked.ok ? checked.issues : [];
  const serverIssues = (appErrorOf(save.error)?.issues as string[] | undefined) ?? [];
  const idProblem = rule ? null : ZFraudRuleId.safeParse(id).success ? null : 'a–z, 0–9, _ and -, up to 64 characters.';
  const scoreNumber = Number(score);
  const scoreProblem =
    Number.isInteger(scoreNumber) && Math.abs(scoreNumber) <= 1000 && score.trim() !== '' ? null : 'A whole number from −1000 to 1000.';
  const server = fieldErrorsOf(save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (idProblem || scoreProblem || conditionIssues.length > 0 || !parsed.ok) return;
    save.mutate({ id: id.trim(), description: description.trim(), condition: parsed.value, score: scoreNumber, isActive });
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="rule-editor">
      <h2>{rule ? `Edit rule ${rule.id}` : 'New rule'}</h2>
      <div className="grid-2">
        <Field
          label="Rule id"
          name="ruleId"
          value={id}
          readOnly={rule !== null}
          onChange={(e) => setId(e.target.value)}
          error={(touched ? (idProblem ?? undefined) : undefined) ?? server.id}
        />
        <Field
          label="Score (added when it matches)"
          name="ruleScore"
          inputMode="numeric"
          value={score}
          onChange={(e) => setScore(e.target.value)}
          error={(touched ? (scoreProblem ?? undefined) : undefined) ?? server.score}
        />
      </div>
      <Field
        label="Description"
        name="ruleDescription"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={server.description}
      />
      <label className="row">
        <input
          type="checkbox"
          className="checkbox"
          checked={isActive}
          onChange={(e) => setIsActive(e.target.checked)}
          data-testid="rule-active"
        />
        Active
      </label>
      <div className="field">
        <label htmlFor="f-ruleCondition">Condition (JSON)</label>
        <textarea
          id="f-ruleCondition"
          className="mono code-input"
          rows={Math.min(16, Math.max(5, conditionText.split('\n').length + 1))}
          spellCheck={false}
          value={conditionText}
          onChange={(e) => setConditionText(e.target.value)}
          aria-invalid={conditionIssues.length > 0 ? true : undefined}
          data-testid="rule-condition-input"
        />
        {conditionIssues.length === 0 ? (
          <p className="small-text condition-ok" data-testid="rule-condition-ok">
            Condition is valid.
          </p>
        ) : (
          <ul className="field-error small-text" data-testid="rule-condition-issues">
            {conditionIssues.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        )}
        <p className="muted small-text">
          A leaf is <code>{'{ "feature", "op", "value" }'}</code> with op gt, gte, lt, lte, eq or neq; combine leaves with{' '}
          <code>{'{ "all": [...] }'}</code> or <code>{'{ "any": [...] }'}</code>.
        </p>
      </div>
      <FeatureReference />
      <PreviewPanel condition={checked?.ok ? checked.condition : null} initialSample={FRAUD_NEUTRAL_FEATURES} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending} data-testid="rule-save">
          {save.isPending ? 'Saving…' : 'Save rule'}
        </button>
        <button type="button" onClick={onDone} data-testid="rule-cancel">
          Cancel
        </button>
      </div>
      {serverIssues.length > 0 && (
        <ul className="field-error small-text" data-testid="rule-server-issues">
          {serverIssues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
      <ErrorBanner error={save.error} testId="rule-save-error" />
    </form>
  );
}
