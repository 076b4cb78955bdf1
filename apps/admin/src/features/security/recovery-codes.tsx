/** Recovery codes, shown once right after they are made. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section className="card stack" data-testid="recovery-codes" aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery codes</h2>
      <p className="banner">
        Write these down or store them in a password manager now: they are shown only once. Each one signs you in once if you lose your
        authenticator.
      </p>
      <ol className="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <button type="button" className="primary" onClick={onDone} data-testid="recovery-done">
        I have saved them
      </button>
    </section>
  );
}
