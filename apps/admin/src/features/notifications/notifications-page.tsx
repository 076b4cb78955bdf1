import { Composer } from './composer';
import { JobsList } from './jobs-list';
import './notifications.css';
import { AdminOnly } from '../../lib/role';

/** Send to one player, broadcast to all, or schedule either; the jobs below, with cancel. */
export function NotificationsPage() {
  return (
    <div className="stack" data-testid="notifications-page">
      <h1>Notifications</h1>
      <div className="compose-layout">
        <AdminOnly>
          <Composer />
        </AdminOnly>
        <JobsList />
      </div>
    </div>
  );
}
