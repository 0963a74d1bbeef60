import { z } from 'zod';
import { assetSchema } from '../assets/assets.schema.js';

const box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

export const faceSchema = z
  .object({
    id: z.uuid(),
    assetId: z.uuid(),
    box: box.describe('px of the original after EXIF orientation (what a viewer shows); x, y = top-left'),
    boxNorm: box.describe('The same box as fractions 0..1 of the oriented image'),
    score: z.number().describe('Detector confidence 0..1'),
    quality: z
      .object({
        eyeDistancePx: z.number().describe("Distance between the eyes' outer corners, px"),
        sharpness: z.number().describe('Variance of the Laplacian over the face (grey levels²)'),
        yaw: z.number().describe('degrees'),
        pitch: z.number().describe('degrees'),
        roll: z.number().describe('degrees'),
        score: z.number().describe('Combined 0..1'),
      })
      .describe('Size, blur and pose (faces/src/quality.ts)'),
    personId: z
      .string()
      .nullable()
      .describe("The owner's person this face belongs to; null when unassigned or when the caller is not the owner"),
    personName: z.string().nullable(),
    thumbnailUrl: z.string().nullable().describe('160 px WebP crop (owner only)'),
    modelVersion: z.string(),
  })
  .meta({ id: 'Face' });

export const facePersonSchema = z
  .object({
    id: z.uuid(),
    name: z.string().nullable().describe('The name the owner gave; null when unnamed'),
    displayName: z.string().nullable().describe('name, else the linked contact or account name; null when unknown'),
    contact: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    account: z.object({ id: z.uuid(), username: z.string(), displayName: z.string() }).nullable(),
    isMe: z.boolean().describe("Linked to the caller's own account"),
    linkSource: z
      .enum(['owner', 'contact_photo', 'linked_reference_face', 'own_reference_face', 'person'])
      .nullable()
      .describe(
        'How the contact/account link was made: `owner` (you linked it), `contact_photo` (a face matched the photo in your ' +
          'contact card), `linked_reference_face` (a face matched the reference face the contact registered: their claim), `own_reference_face`; ' +
          'null when unlinked or linked before this was recorded',
      ),
    linkConfirmed: z
      .boolean()
      .describe('You linked or confirmed the link (PATCH `contactId`/`accountId`): automatic sending may act on this person'),
    hidden: z.boolean(),
    faceCount: z.number().int(),
    photoCount: z.number().int(),
    coverUrl: z.string().nullable().describe("Face-crop thumbnail of the person's best face"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'FacePerson', description: "A person of the People page: a cluster of the owner's faces" });

export const faceStatusSchema = z
  .object({
    enabled: z.boolean().describe('False when the server runs with KITH_FACE_ANALYSIS=off'),
    model: z.string(),
    modelVersion: z.string(),
    total: z.number().int().describe('Photos in my library'),
    done: z.number().int().describe('Photos analysed with the current model (failed ones included)'),
    failed: z.number().int().describe('Photos the face engine failed on; a re-index tries them again'),
    faces: z.number().int(),
    people: z.number().int().describe('Visible people'),
  })
  .meta({ id: 'FaceStatus' });

export const updatePersonBody = z
  .object({
    name: z.string().trim().min(1).max(200).nullable().optional(),
    hidden: z.boolean().optional(),
    contactId: z.uuid().nullable().optional(),
    accountId: z.uuid().nullable().optional(),
  })
  .refine((b) => !(b.contactId && b.accountId), { message: 'link to a contact or an account, not both' });

export const mergePeopleBody = z.object({ personIds: z.array(z.uuid()).min(1).max(100).describe('People merged into this one') });
export const splitPersonBody = z.object({
  faceIds: z.array(z.uuid()).min(1).max(1000).describe('Faces moved to the new person'),
  name: z.string().trim().min(1).max(200).optional(),
});

export const personPhotosQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page'),
});

export const personPhotosResponse = z.object({ items: z.array(assetSchema), nextCursor: z.string().nullable() });
