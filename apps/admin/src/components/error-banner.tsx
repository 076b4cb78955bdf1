import { describeError } from '../lib/errors';

/** One human sentence for a failed call, or nothing. */
export function ErrorBanner({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return (
    <p className="banner banner-error" role="alert" data-testid={testId}>
      {describeError(error)}
    </p>
  );
}
