import { formatDate, type RouterOutputs } from '@casino/ui';

type Session = RouterOutputs['auth']['sessions'][number];

/** "Chrome on Android" is more useful than the raw user-agent; fall back to the raw string. */
function deviceName(ua: string | null): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return browser && os ? `${browser} on ${os}` : (browser ?? os ?? ua.slice(0, 60));
}

export function SessionItem({ item, revoking, onRevoke }: { item: Session; revoking: boolean; onRevoke: () => void }) {
  return (
    <li className="card session" data-testid="session" data-current={item.current}>
      <div className="row between">
        <strong>{deviceName(item.userAgent)}</strong>
        {item.current ? (
          <span className="badge" data-testid="session-current">
            This device
          </span>
        ) : (
          <button type="button" className="small" onClick={onRevoke} disabled={revoking} data-testid="session-revoke">
            {revoking ? 'Ending…' : 'End session'}
          </button>
        )}
      </div>
      <p className="muted small-text">
        {item.ip ?? 'unknown IP'} · signed in {formatDate(item.createdAt)} · last active {formatDate(item.lastUsedAt)}
      </p>
    </li>
  );
}
