/**
 * The address book: list, add, edit, delete (typed SDK calls), vCard import (multipart,
 * through {@link request} since the document has no body schema for it) and export.
 */
import { kith, request, unwrap } from './client';
import type { Contact, ImportReport, NewContact } from './types';

const id = (contactId: string) => ({ params: { path: { id: contactId } } });

export const contactsApi = {
  list: async (): Promise<Contact[]> => (await unwrap(kith.GET('/api/contacts'))).contacts,
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
