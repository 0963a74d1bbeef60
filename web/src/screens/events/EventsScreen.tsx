/** Events Kith found in my photos (by time and place, or by explicit markers), newest first. */
import { CalendarDays } from 'lucide-react';
import { eventsApi } from '../../api/events';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { plural } from '../../lib/format';
import { useRealtimeRefresh } from '../../lib/realtime';
import { useAsync } from '../../lib/use-async';
import { EventCard } from './EventCard';

export function EventsScreen() {
  const events = useAsync(() => eventsApi.list(), []);
  useRealtimeRefresh(['events.updated', 'asset.ready'], events.reload, 800);
  const list = [...(events.data ?? [])].sort((a, b) => (a.startAt < b.startAt ? 1 : -1));
  return (
    <div className="screen" data-testid="events-screen">
      <PageHeader title="Events" subtitle={events.data ? plural(list.length, 'event') : undefined} />
      {events.error && <ErrorNote message={events.error} onRetry={events.reload} />}
      {events.loading && <Spinner />}
      {events.data && list.length === 0 && (
        <EmptyState icon={<CalendarDays size={40} strokeWidth={1.5} />} title="No events yet" testId="events-empty">
          <p>
            Photos taken close together in time become an event. Upload a party’s photos and it appears here, ready to share with everyone
            who was there.
          </p>
        </EmptyState>
      )}
      <div className="card-grid" data-testid="event-list">
        {list.map((e) => (
          <EventCard key={e.marker} event={e} />
        ))}
      </div>
    </div>
  );
}
