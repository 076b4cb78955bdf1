import { useSpa } from '../spa-provider';

/** One human sentence for a failed call, or nothing. */
export function ErrorBanner({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  const { describeError } = useSpa();
  if (!error) return null;
  return (
    <p className="banner banner-error" role="alert" data-testid={testId}>
      {describeError(error)}
    </p>
  );
}
