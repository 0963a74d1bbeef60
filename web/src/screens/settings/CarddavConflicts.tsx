/**
 * Contacts changed both in Kith and on the CardDAV server: each shows Kith's values beside the
 * server's (or "deleted on the server") and lets the owner keep one side. Nothing is overwritten
 * until they choose.
 */
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { carddavApi, type CarddavFields } from '../../api/carddav';
import { useAsync } from '../../lib/use-async';
import { useToast } from '../../state/toasts';

const lines = (f: CarddavFields) => [
  f.name,
  ...f.phones,
  ...f.otherPhones,
  ...f.emails,
  ...(f.kithAddress ? [f.kithAddress] : []),
  ...f.urls,
  ...(f.hasPhoto ? ['(photo)'] : []),
];

function Side({ title, fields, testId }: { title: string; fields: CarddavFields | null; testId: string }) {
  return (
    <div className="grow" style={{ minWidth: 0, flexBasis: 200 }} data-testid={testId}>
      <span className="muted small block">{title}</span>
      {fields ? (
        lines(fields).map((l, i) => (
          <span key={i} className={i === 0 ? 'block' : 'block small'} style={{ overflowWrap: 'anywhere' }}>
            {i === 0 ? <strong>{l}</strong> : l}
          </span>
        ))
      ) : (
        <em className="block">Deleted on the server</em>
      )}
    </div>
  );
}

export function CarddavConflicts() {
  const conflicts = useAsync(() => carddavApi.conflicts(), []);
  const [busy, setBusy] = useState<string | null>(null);
  const toast = useToast();
  const choose = async (id: string, keep: 'kith' | 'server') => {
    setBusy(id);
    try {
      await carddavApi.resolve(id, keep);
      conflicts.reload();
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };
  if (!conflicts.data?.length) return null;
  return (
    <div className="stack gap-8" data-testid="carddav-conflicts">
      <h3>Changed on both sides</h3>
      {conflicts.data.map((c) => (
        <div key={c.id} className="secret-box stack gap-8" data-testid="carddav-conflict">
          <div className="row gap-8 wrap" style={{ alignItems: 'flex-start' }}>
            <Side title="In Kith" fields={c.kith} testId="carddav-conflict-kith" />
            <Side title="On the server" fields={c.server} testId="carddav-conflict-server" />
          </div>
          <div className="row gap-8 wrap">
            <button
              className="button button-small"
              disabled={busy === c.id}
              onClick={() => void choose(c.id, 'kith')}
              data-testid="carddav-keep-kith"
            >
              Keep Kith’s
            </button>
            <button
              className="button button-small button-primary"
              disabled={busy === c.id}
              onClick={() => void choose(c.id, 'server')}
              data-testid="carddav-keep-server"
            >
              {c.server ? 'Take the server’s' : 'Delete the contact'}
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
