/**
 * Contacts: the address book with Kith links and mutual badges, the questions about links resting on
 * unproven addresses ("Is Dad @mallory on this server?"), search, add/edit,
 * vCard import (picker or drop a .vcf anywhere on this screen) with its per-card
 * report, and vCard export.
 */
import { useMemo, useRef, useState } from 'react';
import { Download, FileUp, Search, UserPlus, Users } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { contactsApi } from '../../api/contacts';
import type { Contact, ImportReport } from '../../api/types';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { plural } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';
import { useDropTarget } from '../../state/uploads';
import { ContactFormDialog } from './ContactFormDialog';
import { ContactRow } from './ContactRow';
import { ImportReportPanel } from './ImportReportPanel';
import { LinkQuestions } from './LinkQuestions';
import { verificationApi } from '../../api/verification';

export function ContactsScreen() {
  const contacts = useAsync(() => contactsApi.list(), []);
  const questions = useAsync(() => verificationApi.linkQuestions(), []);
  const reloadAll = () => {
    contacts.reload();
    questions.reload();
  };
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [report, setReport] = useState<{ fileName: string; report: ImportReport } | null>(null);
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const confirm = useConfirm();
  const toast = useToast();

  const importFile = async (file: File) => {
    setImporting(true);
    try {
      const r = await contactsApi.importVcard(file);
      setReport({ fileName: file.name, report: r });
      reloadAll();
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    } finally {
      setImporting(false);
    }
  };
  useDropTarget({ label: 'Drop a vCard (.vcf) to import contacts', onDrop: (files) => files[0] && void importFile(files[0]) });

  const remove = async (c: Contact) => {
    if (
      !(await confirm({
        title: `Delete ${c.name}?`,
        body: 'They are removed from your contacts. Nothing is sent to them.',
        confirmLabel: 'Delete',
        danger: true,
      }))
    )
      return;
    try {
      await contactsApi.remove(c.id);
      contacts.setData((xs) => xs?.filter((x) => x.id !== c.id));
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  const list = contacts.data ?? [];
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name));
    if (!q) return sorted;
    return sorted.filter((c) =>
      [c.name, ...c.phones, ...c.emails, c.kithAddress ?? '', c.linkedAccount?.username ?? ''].some((s) => s.toLowerCase().includes(q)),
    );
  }, [list, query]);
  const linked = list.filter((c) => c.linkedAccount).length;

  return (
    <div className="screen" data-testid="contacts-screen">
      <PageHeader
        title="Contacts"
        subtitle={contacts.data ? `${plural(list.length, 'contact')} · ${linked} on Kith` : undefined}
        actions={
          <>
            <button className="button" data-testid="contacts-import-button" disabled={importing} onClick={() => fileInput.current?.click()}>
              <FileUp size={18} /> {importing ? 'Importing…' : 'Import vCard'}
            </button>
            <a className="button" href={contactsApi.exportUrl} download="kith-contacts.vcf" data-testid="contacts-export">
              <Download size={18} /> Export
            </a>
            <button className="button button-primary" data-testid="contact-add" onClick={() => setEditing('new')}>
              <UserPlus size={18} /> Add contact
            </button>
          </>
        }
      />
      <input
        ref={fileInput}
        type="file"
        accept=".vcf,.vcard,text/vcard,text/x-vcard"
        className="visually-hidden"
        data-testid="contacts-import-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
      <LinkQuestions questions={questions.data ?? []} onAnswered={reloadAll} />
      {report && <ImportReportPanel fileName={report.fileName} report={report.report} onClose={() => setReport(null)} />}
      {contacts.error && <ErrorNote message={contacts.error} onRetry={contacts.reload} />}
      {contacts.loading && <Spinner />}
      {contacts.data && list.length === 0 && (
        <EmptyState icon={<Users size={40} strokeWidth={1.5} />} title="No contacts yet" testId="contacts-empty">
          <p>Import your phone’s address book as a vCard (.vcf) — drop it here — or add people one by one.</p>
        </EmptyState>
      )}
      {list.length > 0 && (
        <div className="search-box">
          <Search size={18} />
          <input
            className="input"
            type="search"
            placeholder="Search contacts"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="contacts-search"
          />
        </div>
      )}
      {list.length > 0 && shown.length === 0 && <p className="muted">No contact matches “{query}”.</p>}
      <ul className="contact-list card" data-testid="contact-list" hidden={shown.length === 0}>
        {shown.map((c) => (
          <ContactRow key={c.id} contact={c} onEdit={() => setEditing(c)} onDelete={() => void remove(c)} />
        ))}
      </ul>
      {editing && (
        <ContactFormDialog
          contact={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSave={async (input) => {
            if (editing === 'new') await contactsApi.create(input);
            else await contactsApi.update(editing.id, input);
            setEditing(null);
            reloadAll();
          }}
        />
      )}
    </div>
  );
}
