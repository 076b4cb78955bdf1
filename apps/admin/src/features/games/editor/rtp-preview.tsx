import { RTP_BAND, type TGameConfigRtp, type TRtpIssue } from '@casino/shared';
import { ErrorBanner } from '@casino/ui';
import { formatPercent } from '../../../lib/format';

export type Preview = { ok: boolean; rtp: TGameConfigRtp; issues: TRtpIssue[] };

const inBand = (v: number) => v >= RTP_BAND.min && v <= RTP_BAND.max;

/** The exact RTP of every game of the draft, as the server computes it (admin.games.validate). */
export function RtpPreview({ preview, pending, error }: { preview: Preview | null; pending: boolean; error: unknown }) {
  const figures: { id: string; label: string; value: number }[] = preview
    ? [
        { id: 'slot', label: 'Slot', value: preview.rtp.slot.rtp },
        { id: 'gacha-single', label: 'Gacha, one pull', value: preview.rtp.gacha.single },
        { id: 'gacha-ten', label: 'Gacha, ten pulls', value: preview.rtp.gacha.ten },
        { id: 'rps', label: 'Rock-paper-scissors', value: preview.rtp.rps.rtp },
        { id: 'crash', label: 'Crash', value: preview.rtp.crash.rtp },
      ]
    : [];
  return (
    <section className="card stack rtp-preview" data-testid="rtp-preview" aria-live="polite" data-pending={pending}>
      <div className="row between">
        <h2>Return to player (exact)</h2>
        <span className="muted small-text">
          allowed {formatPercent(RTP_BAND.min, 0)}–{formatPercent(RTP_BAND.max, 0)}
          {pending ? ' · computing…' : ''}
        </span>
      </div>
      <ErrorBanner error={error} testId="rtp-error" />
      {preview && (
        <ul className="rtp-list">
          {figures.map((f) => (
            <li key={f.id} data-in-band={inBand(f.value)} data-testid={`rtp-${f.id}`}>
              <span className="muted small-text">{f.label}</span>
              <span className="rtp-value">{Number.isFinite(f.value) ? formatPercent(f.value) : '∞'}</span>
              {!inBand(f.value) && <span className="minus small-text">outside the band</span>}
            </li>
          ))}
        </ul>
      )}
      {preview && (
        <p className={preview.ok ? 'plus' : 'minus'} data-testid="rtp-verdict" data-ok={preview.ok}>
          {preview.ok ? 'Every game is inside the band: this draft can be published.' : 'Refused: bring every game inside the band first.'}
        </p>
      )}
    </section>
  );
}
