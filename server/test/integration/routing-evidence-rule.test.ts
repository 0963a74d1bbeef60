import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceEvidenceKind } from '../../src/db/schema.js';
import { insertPeople } from '../helpers/abuse-fixture-parts.js';
import { partyFaceCrop } from '../helpers/face-fixtures.js';
import { multipart, partyPhoto, postAssets } from '../helpers/photos.js';
import { as, createTestApp, engines, signup, type TestApp, type TestUser } from '../helpers/test-app.js';

/**
 * The routing rule of docs/security.md "Faces and automatic sharing" on both engines, without
 * the face engine: faces and their evidence are written to the tables as placement leaves them
 * (face-routing-evidence.test.ts runs the same rule with real models and real photos), then
 * routing runs as after an analysis. In `auto`, only evidence alice controls sends.
 */
describe.each(engines)('routing acts on the evidence recorded per face, on %s', (engine) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let mallory: TestUser;
  let bobContact: string;
  let bobsReferenceFace: { id: string };
  let width = 600;

  /** A photo of alice's with one face in a person linked to Bob, carrying `evidence`; routed as on its first analysis. */
  async function routed(evidence: FaceEvidenceKind, ref: string, confirmedAt: number | null) {
    const res = await postAssets(t.app, alice, [{ filename: 'p.jpg', data: await partyPhoto(1, { width: width++ }), type: 'image/jpeg' }]);
    const assetId = res.json().results[0].asset.id as string;
    const { personId, faceId } = await insertPeople(t, alice.id, assetId);
    const db = t.container.db;
    await db
      .updateTable('person')
      .set({ contact_id: bobContact, link_source: confirmedAt ? 'owner' : evidence, confirmed_at: confirmedAt })
      .where('id', '=', personId)
      .execute();
    // One face of the person in this photo (insertPeople puts two there; two faces of one photo are never one person).
    await db.updateTable('face').set({ person_id: null }).where('person_id', '=', personId).where('id', '!=', faceId).execute();
    await db.updateTable('face').set({ evidence, evidence_ref: ref, evidence_distance: 0.42 }).where('id', '=', faceId).execute();
    await t.container.routing.onFacesPlaced(alice.id, assetId, { firstAnalysis: true });
    const row = await db.selectFrom('delivery').selectAll().where('asset_id', '=', assetId).executeTakeFirstOrThrow();
    return { assetId, faceId, row };
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    alice = await signup(t.app, 'alice');
    bob = await signup(t.app, 'bob');
    mallory = await signup(t.app, 'mallory');
    const form = await multipart([{ filename: 'me.jpg', data: await partyFaceCrop(1), type: 'image/jpeg' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/reference-faces',
      payload: form.payload,
      headers: { ...form.headers, cookie: bob.cookie },
    });
    bobsReferenceFace = res.json().faces[0];
    bobContact = (await as(t.app, alice).post('/api/contacts', { name: 'Bob', kithAddress: 'bob@kith.test' })).json().contact.id;
    expect((await as(t.app, alice).put('/api/routing/settings', { mode: 'auto' })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it("a match against bob's own reference face only suggests, names that evidence, and shows that face to alice alone", async () => {
    const { assetId, faceId, row } = await routed('linked_reference_face', bobsReferenceFace.id, null);
    expect(row).toMatchObject({
      status: 'suggested',
      evidence_kind: 'linked_reference_face',
      evidence_face_id: faceId,
      evidence_ref: bobsReferenceFace.id,
    });
    const card = (await as(t.app, alice).get('/api/routing/suggestions'))
      .json()
      .suggestions.find((s: { assetId: string }) => s.assetId === assetId);
    expect(card.contacts[0].evidence).toEqual({
      kind: 'linked_reference_face',
      label: "Matched Bob's own reference face",
      yours: false,
      distance: 0.42,
      faceUrl: `/api/faces/${faceId}/thumbnail`,
      matchedUrl: `/api/routing/deliveries/${row.id}/evidence-image`,
    });
    const shown = await as(t.app, alice).get(card.contacts[0].evidence.matchedUrl);
    expect(shown.statusCode).toBe(200);
    const own = await as(t.app, bob).get(`/api/me/reference-faces/${bobsReferenceFace.id}/image`);
    expect(Buffer.compare(shown.rawPayload, own.rawPayload)).toBe(0);
    for (const who of [bob, mallory])
      expect((await as(t.app, who).get(card.contacts[0].evidence.matchedUrl)).json().code).toBe('not_found');
    // Once bob's contact is no longer linked to bob's account, his reference face is not alice's to see.
    await t.container.db.updateTable('contact').set({ linked_account_id: null }).where('id', '=', bobContact).execute();
    expect((await as(t.app, alice).get(card.contacts[0].evidence.matchedUrl)).statusCode).toBe(404);
    await t.container.db.updateTable('contact').set({ linked_account_id: bob.id }).where('id', '=', bobContact).execute();
  });

  it("a match against the photo in alice's own card for Bob sends; the photo of another contact's card does not count", async () => {
    expect((await routed('contact_photo', bobContact, null)).row.status).not.toBe('suggested');
    const other = (await as(t.app, alice).post('/api/contacts', { name: 'Zed' })).json().contact.id;
    expect((await routed('contact_photo', other, null)).row.status).toBe('suggested');
  });

  it('a person alice confirmed sends on its earlier faces, never on a face only bob’s reference face brought in', async () => {
    expect((await routed('person', 'earlier-face', Date.now())).row).toMatchObject({ evidence_kind: 'person' });
    expect((await routed('person', 'earlier-face', Date.now())).row.status).not.toBe('suggested');
    expect((await routed('linked_reference_face', bobsReferenceFace.id, Date.now())).row.status).toBe('suggested');
    // A grown cluster that alice never confirmed stays bob's claim.
    expect((await routed('person', 'earlier-face', null)).row.status).toBe('suggested');
  });

  it('linking a person is the confirmation; merging into a confirmed person re-confirms; unlinking drops it', async () => {
    const res = await postAssets(t.app, alice, [{ filename: 'p.jpg', data: await partyPhoto(2, { width: 500 }), type: 'image/jpeg' }]);
    const { personId, otherPersonId } = await insertPeople(t, alice.id, res.json().results[0].asset.id);
    const db = t.container.db;
    // Placement linked the other person by bob's reference face: not confirmed.
    await db
      .updateTable('person')
      .set({ contact_id: bobContact, link_source: 'linked_reference_face' })
      .where('id', '=', otherPersonId)
      .execute();
    const placed = (await as(t.app, alice).get(`/api/people/${otherPersonId}`)).json().person;
    expect(placed).toMatchObject({ linkSource: 'linked_reference_face', linkConfirmed: false });

    const linked = (await as(t.app, alice).patch(`/api/people/${personId}`, { contactId: bobContact })).json().person;
    expect(linked).toMatchObject({ linkSource: 'owner', linkConfirmed: true });
    const before = (await db.selectFrom('person').select('confirmed_at').where('id', '=', personId).executeTakeFirstOrThrow())
      .confirmed_at!;
    const merged = await as(t.app, alice).post(`/api/people/${personId}/merge`, { personIds: [otherPersonId] });
    expect(merged.json().person).toMatchObject({ linkSource: 'owner', linkConfirmed: true });
    const after = (await db.selectFrom('person').select('confirmed_at').where('id', '=', personId).executeTakeFirstOrThrow()).confirmed_at!;
    expect(Number(after)).toBeGreaterThanOrEqual(Number(before));

    const unlinked = (await as(t.app, alice).patch(`/api/people/${personId}`, { contactId: null })).json().person;
    expect(unlinked).toMatchObject({ contact: null, linkSource: null, linkConfirmed: false });
  });
});
