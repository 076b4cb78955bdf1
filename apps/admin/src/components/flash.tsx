/** Success messages that clear by themselves after a few seconds (announced politely to screen readers). */
import { type ReactNode, useCallback, useEffect, useState } from 'react';

export const FLASH_MS = 5000;

export function useFlash(ms = FLASH_MS) {
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  useEffect(() => {
    if (!message) return;
    const t = setTimeout(() => setMessage(null), ms);
    return () => clearTimeout(t);
  }, [message, ms]);
  const show = useCallback((text: string) => setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 })), []);
  const clear = useCallback(() => setMessage(null), []);
  return { message: message?.text ?? null, show, clear };
}

export function Flash({ message, testId }: { message: string | null; testId?: string }) {
  return (
    <div aria-live="polite" className="flash-slot">
      {message && (
        <p className="banner banner-ok" data-testid={testId}>
          {message}
        </p>
      )}
    </div>
  );
}

type Succeeded<D> = { isSuccess: boolean; data: D | undefined; submittedAt: number };

/** A Flash for a mutation's latest success: shown when it succeeds (again), cleared after a few seconds. */
export function MutationFlash<D>({
  mutation,
  message,
  testId,
}: {
  mutation: Succeeded<D>;
  message: (data: D) => ReactNode;
  testId?: string;
}) {
  const [shown, setShown] = useState(false);
  const { isSuccess, submittedAt, data } = mutation;
  useEffect(() => {
    if (!isSuccess || submittedAt === 0) return setShown(false);
    setShown(true);
    const t = setTimeout(() => setShown(false), FLASH_MS);
    return () => clearTimeout(t);
  }, [isSuccess, submittedAt]);
  return (
    <div aria-live="polite" className="flash-slot">
      {shown && isSuccess && data !== undefined && (
        <p className="banner banner-ok" data-testid={testId}>
          {message(data)}
        </p>
      )}
    </div>
  );
}
