import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { toContactDto } from '../contacts/contacts.mapper.js';
import { contactSchema } from '../contacts/contacts.schema.js';
import { requirePrincipal } from '../http/auth.js';
import { errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { errors } from '../common/errors.js';
import type { ContactPhotoService } from './contact-photo.service.js';

/** A contact's reference photo, uploaded (the vCard PHOTO arrives through import instead). */
export function contactPhotoRoutes(contactPhotos: ContactPhotoService, config: Pick<Config, 'maxUploadBytes'>): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/api/contacts/:id/photo',
      {
        schema: {
          tags: ['contacts'],
          summary: "Set a contact's reference photo (multipart, one image)",
          description:
            "The photo becomes the contact's picture and reference face. Tolerant checks: with several faces the largest is " +
            'kept and `warning` says so; a small face is kept with a warning. Errors: 404 `not_found`, 400 `no_files`, ' +
            '413 `payload_too_large`, 415 `unsupported_media_type`, 422 `invalid_image` / `image_too_large` / `no_face`.',
          consumes: ['multipart/form-data'],
          params: idParams,
          response: {
            200: z.object({
              contact: contactSchema,
              warning: z.string().nullable().describe('Why the photo may match poorly; null when fine'),
            }),
            413: errorSchema,
            415: errorSchema,
            422: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        // The multipart body is read only once the service has checked the contact is the caller's.
        const read = async () => {
          if (!request.isMultipart()) throw errors.unsupportedMediaType('Send the photo as multipart/form-data.');
          const part = await request.file();
          if (!part) throw errors.badRequest('no_files', 'The request holds no file: add one photo of the contact.');
          const bytes = await part.toBuffer();
          if (part.file.truncated) throw errors.payloadTooLarge(config.maxUploadBytes);
          return bytes;
        };
        const { contact, warning } = await contactPhotos.setPhoto(requirePrincipal(request), request.params.id, read);
        return { contact: toContactDto(contact), warning };
      },
    );
  };
}
