/** Compact JSON for audit before/after/meta columns. */
export const formatJson = (v: unknown) => (v == null ? '—' : JSON.stringify(v, null, 2));
