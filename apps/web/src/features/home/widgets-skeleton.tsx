/**
 * The home widgets of the lazily loaded chunk (daily reward, VIP points, gold refill, events) as
 * empty cards of their loaded size (home-widgets.css), drawn until the chunk arrives: the cards
 * below them are in their final place from the first paint.
 */
import { EventsHeading } from './events-heading';

export function WidgetsSkeleton() {
  return (
    <>
      <SkeletonCard widget="daily" title="Daily reward" />
      <div className="claims">
        <SkeletonCard widget="vip" title="VIP points" />
        <SkeletonCard widget="bonus" title="Gold refill" />
      </div>
      <section className="card stack widget-events-panel" data-widget="events-panel" data-ready="false" aria-busy="true">
        <EventsHeading />
        <div className="events-area" />
      </section>
    </>
  );
}

function SkeletonCard({ widget, title }: { widget: string; title: string }) {
  return (
    <section className={`card stack widget-${widget}`} data-widget={widget} data-ready="false" aria-busy="true">
      <h2>{title}</h2>
    </section>
  );
}
