import { useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const dayName = (day: string) => DAY_NAMES[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? day;

/**
 * This week (Monday–Sunday, UTC) from economy.streak.history: attended days ticked, today outlined.
 * Until the history arrives, seven blank days of the same size hold its place.
 */
export function Attendance() {
  const trpc = useTRPC();
  const history = useQuery(trpc.economy.streak.history.queryOptions());
  const h = history.data;
  if (!h) return <WeekPlaceholder />;
  return (
    <div className="stack tight">
      <ol className="plain week" aria-label="This week's attendance">
        {h.week.map((d) => (
          <li
            key={d.day}
            className={`week-day${d.ticked ? ' on' : ''}${d.isToday ? ' today' : ''}`}
            aria-current={d.isToday ? 'date' : undefined}
            data-testid="attendance-day"
            data-day={d.day}
            data-ticked={d.ticked}
            data-today={d.isToday}
          >
            <span className="small-text">{dayName(d.day)}</span>
            <span className="week-mark" aria-hidden="true">
              {d.ticked ? '✓' : '·'}
            </span>
            <span className="sr-only">{d.ticked ? 'attended' : 'not attended'}</span>
          </li>
        ))}
      </ol>
      <span className="muted small-text" data-testid="attendance-month">
        {h.monthCount} day{h.monthCount === 1 ? '' : 's'} this month
      </span>
    </div>
  );
}

const WEEK = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function WeekPlaceholder() {
  return (
    <div className="stack tight" aria-hidden="true">
      <ol className="plain week">
        {WEEK.map((d) => (
          <li key={d} className="week-day">
            <span className="small-text">{d}</span>
            <span className="week-mark">·</span>
          </li>
        ))}
      </ol>
      <span className="muted small-text">&nbsp;</span>
    </div>
  );
}
