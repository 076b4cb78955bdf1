import { Commitment } from './commitment';
import { RotateForm } from './rotate-form';
import { RoundsList } from './rounds-list';

export function FairnessPage() {
  return (
    <div className="stack" data-testid="fairness-page">
      <h1>Provably fair</h1>
      <Commitment />
      <RotateForm />
      <RoundsList />
    </div>
  );
}
