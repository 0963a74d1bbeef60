import crypto from 'node:crypto';
import { postCapture, requestExchange, tokenOf } from './exchanges.js';
import { partyPhoto } from './photos.js';
import { as, type TestApp, type TestUser } from './test-app.js';

/** The JSON body of a fixture call, or an error naming it. */
export const ok = async (res: { statusCode: number; body: string }, what: string, want = [200, 201]) => {
  if (!want.includes(res.statusCode)) throw new Error(`fixture ${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body || '{}');
};

/** Alice invites a stranger who joins as `name`. */
async function guestExchange(t: TestApp, alice: TestUser, name: string) {
  const { exchange, invite } = await requestExchange(t.app, alice, { mode: 'exchange', invite: true });
  const spentInvite = tokenOf(invite.url);
  const res = await t.app.inject({ method: 'POST', url: `/api/guest/exchanges/${spentInvite}/join`, payload: { displayName: name } });
  const { guestToken } = await ok(res, 'join');
  return { id: exchange.id as string, guestToken: guestToken as string, spentInvite };
}

/**
 * Two people of `ownerId` with three faces on `assetId`, written straight to the tables as the analysis
 * job would leave them (face analysis stays off in the walk, so no model loads). Descriptors are zeros.
 */
export async function insertPeople(t: TestApp, ownerId: string, assetId: string) {
  // People and faces, as the analysis job would leave them (boxes of party photo 1, empty descriptors).
  const now = Date.now();
  const [personId, otherPersonId, faceId, splitFaceId, thirdFaceId] = Array.from({ length: 5 }, () => crypto.randomUUID());
  const sha = (await t.container.db.selectFrom('asset').select('sha256').where('id', '=', assetId).executeTakeFirstOrThrow()).sha256;
  await t.container.db
    .insertInto('person')
    .values(
      [personId, otherPersonId].map((id) => ({
        id,
        owner_id: ownerId,
        name: null,
        contact_id: null,
        account_id: null,
        hidden: 0,
        cover_face_id: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const quality = JSON.stringify({ eyeDistancePx: 110, sharpness: 1, yaw: 0, pitch: 0, roll: 0, score: 1 });
  await t.container.db
    .insertInto('face')
    .values(
      [
        [faceId, personId],
        [splitFaceId, personId],
        [thirdFaceId, otherPersonId],
      ].map(([id, person], i) => ({
        id,
        asset_id: assetId,
        owner_id: ownerId,
        box_x: 100 * i,
        box_y: 100,
        box_w: 80,
        box_h: 80,
        norm_x: 0.1 * i,
        norm_y: 0.1,
        norm_w: 0.1,
        norm_h: 0.1,
        score: 0.9,
        landmarks: '{}',
        quality,
        quality_score: 1,
        descriptor: Buffer.from(new Float32Array(1152).buffer),
        model: 'fusion',
        model_version: 'fusion@2',
        person_id: person,
        thumbnail_sha256: sha,
        created_at: now,
      })),
    )
    .execute();

  return { personId, otherPersonId, faceId, splitFaceId };
}

/** The owner's exchanges in every state the walk needs (see AbuseFixtures). */
export async function exchangeFixtures(t: TestApp, alice: TestUser, bob: TestUser) {
  // Exchanges: alice lets anyone ask, bob asks three times; alice invites four strangers.
  await ok(await as(t.app, alice).put('/api/exchanges/settings', { policy: 'anyone' }), 'policy');
  const fromBob = async () => (await requestExchange(t.app, bob, { to: 'alice' })).exchange.id as string;
  const [toAccept, toDecline, toBlock] = [await fromBob(), await fromBob(), await fromBob()];
  const exchange = await guestExchange(t, alice, 'Zoë');
  const freshExchange = await guestExchange(t, alice, 'Yann');
  const guestEndsExchange = await guestExchange(t, alice, 'Xena');
  const capture = await partyPhoto(3);
  await ok(await postCapture(t.app, `/api/exchanges/${exchange.id}/captures`, capture, alice), 'capture');
  await ok(await postCapture(t.app, `/api/guest/exchanges/${exchange.guestToken}/captures`, capture), 'guest capture');
  const joinInvite = tokenOf((await requestExchange(t.app, alice, { invite: true })).invite.url);
  const declineInvite = tokenOf((await requestExchange(t.app, alice, { invite: true })).invite.url);
  return { exchange, freshExchange, guestEndsExchange, joinInvite, declineInvite, toAccept, toDecline, toBlock };
}
