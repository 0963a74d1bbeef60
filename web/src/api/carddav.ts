/** CardDAV address books the user connected (Settings › Contacts), their sync and conflicts (typed SDK calls). */
import { kith, unwrap } from './client';
import type { Schemas } from '@kith/sdk';

export type CarddavBook = Schemas['CarddavBook'];
export type CarddavConflict = Schemas['CarddavConflict'];
export type CarddavFields = Schemas['CarddavFields'];

export const carddavApi = {
  books: async (): Promise<CarddavBook[]> => unwrap(kith.GET('/api/carddav/books')),
  connect: async (body: { url: string; username: string; password: string }): Promise<CarddavBook> =>
    unwrap(kith.POST('/api/carddav/books', { body })),
  sync: async (id: string) => unwrap(kith.POST('/api/carddav/books/{id}/sync', { params: { path: { id } } })),
  remove: async (id: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/carddav/books/{id}', { params: { path: { id } } }));
  },
  conflicts: async (): Promise<CarddavConflict[]> => unwrap(kith.GET('/api/carddav/conflicts')),
  resolve: async (id: string, keep: 'kith' | 'server'): Promise<void> => {
    await unwrap(kith.POST('/api/carddav/conflicts/{id}/resolve', { params: { path: { id } }, body: { keep } }));
  },
};
