/**
 * The address book: list (a page at a time), add, edit, delete (typed SDK calls), vCard import
 * (multipart, through {@link request} since the document has no body schema for it) and export.
 */
import { kith, request, unwrap } from './client';
import type { Contact, ContactGroup, ImportReport, NewContact } from './types';

const id = (contactId: string) => ({ params: { path: { id: contactId } } });

/** One page of `GET /api/contacts`: by name; `nextCursor` null on the last page; counts of the whole book. */
export interface ContactPage {
  contacts: Contact[];
  nextCursor: string | null;
  total: number;
  linked: number;
}

/** The server's largest page (CONTACTS_PAGE_MAX), for walks through the whole book. */
const WHOLE_BOOK_PAGE = 500;

export const contactsApi = {
  /** One page: `cursor` is the previous page's `nextCursor`; `q` filters by name, phone, e-mail, Kith address. */
  list: async (page: { cursor?: string; q?: string; limit?: number; group?: string } = {}): Promise<ContactPage> =>
    unwrap(kith.GET('/api/contacts', { params: { query: page } })),
  /** My contact groups (from imported group cards), by name, with member counts. */
  groups: async (): Promise<ContactGroup[]> => (await unwrap(kith.GET('/api/contact-groups'))).groups,
  /** Every contact, page after page (the association's JSON book, the exchange dialog's linked contacts). */
  listAll: async (): Promise<Contact[]> => {
    const all: Contact[] = [];
    let cursor: string | undefined;
    do {
      const page = await contactsApi.list({ cursor, limit: WHOLE_BOOK_PAGE });
      all.push(...page.contacts);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  },
  create: async (input: NewContact): Promise<Contact> => (await unwrap(kith.POST('/api/contacts', { body: input }))).contact,
  update: async (contactId: string, patch: Partial<NewContact>): Promise<Contact> =>
    (await unwrap(kith.PATCH('/api/contacts/{id}', { ...id(contactId), body: patch }))).contact,
  remove: async (contactId: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/contacts/{id}', id(contactId)));
  },
  /** Sends a .vcf file as multipart (`file`); the report lists every card's outcome. */
  importVcard: async (file: File): Promise<ImportReport> => {
    const form = new FormData();
    form.append('file', file, file.name);
    return (await request<{ report: ImportReport }>('POST', '/api/contacts/import', form)).report;
  },
  exportUrl: '/api/contacts/export',
};
