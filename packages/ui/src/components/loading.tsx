export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted" aria-busy="true" data-testid="loading">
      {label}
    </p>
  );
}
