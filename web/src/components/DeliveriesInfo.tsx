/**
 * The viewer info panel's "Sent to" row (the sender sees each delivery's status on the
 * photo): every contact recognised in my photo and where its delivery stands, live by `delivery.updated`;
 * and a toast when one is refused or fails.
 */
import { useEffect, useRef } from 'react';
import { Send } from 'lucide-react';
import { routingApi, type Delivery } from '../api/routing';
import { useRealtime } from '../lib/realtime';
import { useAsync } from '../lib/use-async';
import { useToast } from '../state/toasts';
import { InfoRow } from './ViewerInfo';

const LABEL: Record<Delivery['status'], string> = {
  suggested: 'Suggested',
  queued: 'Queued',
  sending: 'Sending…',
  delivered: 'Delivered',
  refused: 'Refused',
  failed: 'Failed',
  dismissed: 'Not sent',
};
const TONE: Record<Delivery['status'], string> = {
  suggested: 'badge-primary',
  queued: 'badge-soft',
  sending: 'badge-soft',
  delivered: 'badge-success',
  refused: 'badge-danger',
  failed: 'badge-danger',
  dismissed: 'badge-soft',
};

/** What a refusal or failure code means to the sender. */
const REASON: Record<string, string> = {
  face_not_found: 'their server did not find their face in it',
  no_reference_face: 'they have not registered their face yet',
  unknown_account: 'no such account on their server',
  inbox_closed: 'their inbox is closed',
  sender_not_allowed: 'they only accept photos from their contacts',
  sender_blocked: 'they blocked you',
  unreachable: 'their server could not be reached',
};

/** Why a delivery did not go through, in words (the code itself when Kith has no words for it). */
const reasonOf = (code: string | null) => (code ? (REASON[code] ?? code) : 'unknown reason');

/** Refusals for one person and reason within this many ms of the first share one toast. */
const TOAST_GATHER_MS = 3000;

/**
 * Toasts when my deliveries are refused or fail for good (with `auto`, nothing else would tell
 * me); successes stay quiet and show in the viewer. Refusals for one person and one reason that
 * come within a few seconds (a party's photos to someone with no face registered) share one toast.
 */
export function DeliveryToasts() {
  const toast = useToast();
  const pending = useRef(new Map<string, { name: string; status: string; code: string | null; count: number; timer: number }>());
  useEffect(() => {
    const map = pending.current;
    return () => map.forEach((p) => window.clearTimeout(p.timer));
  }, []);
  useRealtime('delivery.updated', ({ delivery: d }) => {
    if (d.status !== 'refused' && d.status !== 'failed') return;
    const key = `${d.contact.id}|${d.status}|${d.code ?? ''}`;
    const gathering = pending.current.get(key);
    if (gathering) {
      gathering.count++;
      return;
    }
    const p = { name: d.contact.name, status: d.status, code: d.code, count: 1, timer: 0 };
    p.timer = window.setTimeout(() => {
      pending.current.delete(key);
      toast({
        tone: 'error',
        message: (
          <span data-testid="delivery-toast" data-status={p.status}>
            {p.count === 1 ? 'A photo' : `${p.count} photos`} did not reach <strong>{p.name}</strong>: {reasonOf(p.code)}
          </span>
        ),
      });
    }, TOAST_GATHER_MS);
    pending.current.set(key, p);
  });
  return null;
}

export function DeliveriesInfo({ assetId }: { assetId: string }) {
  const list = useAsync(() => routingApi.ofAsset(assetId), [assetId]);
  useRealtime('delivery.updated', (e) => {
    if (e.delivery.assetId !== assetId) return;
    list.setData((prev) => {
      const rest = (prev ?? []).filter((d) => d.id !== e.delivery.id);
      return [...rest, e.delivery].sort((a, b) => a.contact.name.localeCompare(b.contact.name));
    });
  });
  const deliveries = list.data ?? [];
  if (!deliveries.length) return null;
  return (
    <InfoRow icon={<Send size={18} />} label="Sent to" showLabel testId="info-deliveries">
      <ul className="delivery-list">
        {deliveries.map((d) => (
          <li key={d.id} data-testid="delivery-row" data-status={d.status} data-contact-id={d.contact.id} title={d.message ?? undefined}>
            <span className="delivery-who">
              {d.contact.name} <span className="muted small">{d.destination === 'local' ? `@${d.address}` : d.address}</span>
            </span>
            <span className={`badge ${TONE[d.status]}`} data-testid="delivery-status">
              {LABEL[d.status]}
            </span>
            {(d.status === 'refused' || d.status === 'failed') && d.code && (
              <span className="muted small delivery-reason">{reasonOf(d.code)}</span>
            )}
          </li>
        ))}
      </ul>
    </InfoRow>
  );
}
