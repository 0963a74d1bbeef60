import { sha256Of } from '../assets/asset-derivatives.js';
import { probeImage } from '../assets/image-probe.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Principal } from '../common/principal.js';
import type { Config } from '../config/config.js';
import type { ContactView } from '../contacts/contacts.repository.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import type { ContactFaces } from './contact-faces.js';
import type { FaceAnalyser } from './face-analyser.js';

/**
 * A contact's reference photo uploaded for it (the vCard PHOTO arrives through the import instead):
 * the photo becomes the contact's picture and, analysed in tolerant mode (reference-checks.ts), its
 * reference face. Lives with faces because the analysis does; the contact itself is the contacts
 * service's, whose access check comes first.
 */
export function createContactPhotoService(deps: {
  config: Pick<Config, 'maxImagePixels'>;
  blobs: BlobStore;
  contacts: Pick<ContactsService, 'get' | 'setPhoto'>;
  contactFaces: Pick<ContactFaces, 'describe'>;
  analyser: Pick<FaceAnalyser, 'enabled'>;
}) {
  const { config, blobs, contacts, contactFaces, analyser } = deps;
  return {
    /**
     * Sets the photo of one of the caller's contacts. `read` gives the uploaded bytes; it is called after
     * the access check, so nothing of a request for someone else's contact is read.
     * @returns the contact as it is now, and why the photo may match poorly (null when fine).
     * @throws 404 `not_found` (contact.access.ts), whatever `read` throws (400, 413, 415), 422 `invalid_image` /
     *   `image_too_large` (image-probe.ts) or `no_face`; nothing is stored on any error.
     */
    async setPhoto(
      principal: Principal,
      contactId: string,
      read: () => Promise<Buffer>,
    ): Promise<{ contact: ContactView; warning: string | null }> {
      const contact = await contacts.get(principal, contactId);
      const bytes = await read();
      const { mime } = await probeImage(bytes, config.maxImagePixels);
      const sha = sha256Of(bytes);
      // Analysed before anything is stored: a photo without a face is refused (422 no_face) and changes nothing.
      const warning = analyser.enabled ? await contactFaces.describe(contact, sha, bytes, true) : null;
      await blobs.putBuffer(bytes, sha);
      return { contact: await contacts.setPhoto(principal, contact.id, { sha256: sha, mime }), warning };
    },
  };
}

export type ContactPhotoService = ReturnType<typeof createContactPhotoService>;
