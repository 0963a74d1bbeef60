/**
 * Contacts: the address book with Kith links and mutual badges, the questions about links resting on
 * unproven addresses ("Is Dad @mallory on this server?"), a page at a time as the list
 * scrolls (searched on the server, filtered by a contact group's chip), add/edit,
 * vCard import (picker or drop a .vcf anywhere on this screen) with its per-card
 * report, and vCard export.
 */
import { useRef, useState } from 'react';
import { Download, FileUp, Search, UserPlus, Users } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { contactsApi } from '../../api/contacts';
import type { Contact, ImportReport } from '../../api/types';
import { InfiniteSentinel } from '../../components/InfiniteSentinel';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { plural } from '../../lib/format';
import { useConfirm } from '../../state/confirm';
import { useToast } from '../../state/toasts';
import { useDropTarget } from '../../state/uploads';
import { ContactFormDialog } from './ContactFormDialog';
import { ContactRow } from './ContactRow';
import { GroupChips } from './GroupChips';
import { ImportReportPanel } from './ImportReportPanel';
import { LinkQuestions } from './LinkQuestions';
import { SyncConflictsNote } from './SyncConflictsNote';
import { verificationApi } from '../../api/verification';
import { useContactPages } from './use-contact-pages';
import { useAsync } from '../../lib/use-async';

export function ContactsScreen() {
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<string | null>(null);
  const contacts = useContactPages(query, group);
  const questions = useAsync(() => verificationApi.linkQuestions(), []);
  const groups = useAsync(() => contactsApi.groups(), []);
  const reloadAll = () => {
    contacts.reload();
    questions.reload();
    groups.reload();
  };
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
      contacts.forget(c);
    } catch (err) {
      toast({ tone: 'error', message: errorMessage(err) });
    }
  };

  // The server sorts by name and filters by the search; rows arrive a page at a time.
  const shown = contacts.contacts ?? [];
  const total = contacts.counts?.total ?? 0;

  return (
    <div className="screen" data-testid="contacts-screen">
      <PageHeader
        title="Contacts"
        subtitle={contacts.counts ? `${plural(total, 'contact')} · ${contacts.counts.linked} on Kith` : undefined}
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
        aria-label="vCard file to import"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void importFile(f);
        }}
      />
      <SyncConflictsNote />
      <LinkQuestions questions={questions.data ?? []} onAnswered={reloadAll} />
      {report && <ImportReportPanel fileName={report.fileName} report={report.report} onClose={() => setReport(null)} />}
      {contacts.error && <ErrorNote message={contacts.error} onRetry={contacts.reload} />}
      {contacts.loading && !shown.length && <Spinner />}
      {contacts.counts && total === 0 && (
        <EmptyState icon={<Users size={40} strokeWidth={1.5} />} title="No contacts yet" testId="contacts-empty">
          <p>Import your phone’s address book as a vCard (.vcf) — drop it here — or add people one by one.</p>
        </EmptyState>
      )}
      {total > 0 && (
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
      {total > 0 && <GroupChips groups={groups.data ?? []} selected={group} onSelect={setGroup} />}
      {total > 0 && contacts.contacts && !contacts.loading && shown.length === 0 && (
        <p className="muted">{query ? `No contact matches “${query}”.` : 'No contact in this group.'}</p>
      )}
      <ul className="contact-list card" data-testid="contact-list" hidden={shown.length === 0}>
        {shown.map((c) => (
          <ContactRow key={c.id} contact={c} onEdit={() => setEditing(c)} onDelete={() => void remove(c)} />
        ))}
      </ul>
      {contacts.loading && shown.length > 0 && <Spinner />}
      <InfiniteSentinel onVisible={contacts.loadMore} disabled={!contacts.hasMore || contacts.loading} version={shown.length} />
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
