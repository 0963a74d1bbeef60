import { CALIBRATION, clusterFaces, descriptorDistance, descriptorFromBytes, match, type EmbeddingModel } from '@kith/faces';
import type { FacesRepository } from './faces.repository.js';
import { evidenceOf, NO_EVIDENCE, type FaceEvidence, type MemberFace } from './face-evidence.js';
import type { PeopleRepository } from './people.repository.js';
import type { ReferenceDescriptorsRepository } from './reference-descriptors.repository.js';
import { parseReferenceId, type ReferenceLink } from './reference-descriptors.js';

/** Members per person compared with a new face: its best-quality faces (bounds the cost in large libraries). */
const MEMBERS_PER_PERSON = 40;

interface Known {
  id: string;
  asset_id: string;
  descriptor: Float32Array;
}

/**
 * Places faces in people, in this order for each face:
 * 1. it matches a reference face (the owner's reference faces → the owner's account; a contact's
 *    photo or linked account's reference faces → that contact): it joins the person linked to that
 *    account/contact, or links the unlinked person it matches, or starts a linked person;
 * 2. it matches an existing person (`match` over that person's best faces, with the calibrated
 *    threshold and margin): it joins that person;
 * 3. otherwise it stays unassigned until it and other unassigned faces form a group of ≥ 2:
 *    incrementally (one new photo) the new face and its unassigned matches start a person;
 *    in full mode (after a re-index) Chinese Whispers clusters every unassigned face.
 * Two faces of one photo never join the same person. No step re-clusters assigned faces,
 * so names, merges and splits the owner made stay.
 * Each face placed by steps 1–2 records its evidence (face-evidence.ts), and a person linked by
 * step 1 records which kind of reference linked it: routing sends on its own only on evidence
 * the owner controls (docs/security.md "Faces and automatic sharing").
 */
export function createFacePlacement(
  repos: { faces: FacesRepository; people: PeopleRepository; references: ReferenceDescriptorsRepository },
  model: EmbeddingModel,
  modelVersion: string,
) {
  const { faces, people, references: referenceDescriptors } = repos;
  const threshold = CALIBRATION[model].threshold;

  const newPerson = (ownerId: string, link?: ReferenceLink, source?: FaceEvidence['evidence']) =>
    people.create(ownerId, { contact_id: link?.contactId ?? null, account_id: link?.accountId ?? null, link_source: source ?? null });

  /**
   * @param faceIds the faces to place (unassigned ones of `ownerId`); all unassigned faces when omitted (full mode).
   * @returns ids of the people that gained faces.
   */
  async function place(ownerId: string, faceIds?: string[]): Promise<string[]> {
    const references = await referenceDescriptors.candidatesOf(ownerId, modelVersion);
    const assigned = await faces.descriptorsOfOwner(ownerId, modelVersion, { assigned: true });
    const unassigned = (await faces.descriptorsOfOwner(ownerId, modelVersion, { assigned: false })).map((f) => ({
      ...f,
      descriptor: descriptorFromBytes(f.descriptor),
    }));
    // Best faces first, so the per-person cap keeps the clearest ones.
    assigned.sort((a, b) => b.quality_score - a.quality_score);
    const confirmed = await people.confirmedOf(ownerId);
    const members: MemberFace[] = [];
    const perPerson = new Map<string, number>();
    const taken = new Set<string>(); // `${asset}:${person}`: one face per photo per person
    for (const f of assigned) {
      taken.add(`${f.asset_id}:${f.person_id}`);
      const n = perPerson.get(f.person_id!) ?? 0;
      if (n >= MEMBERS_PER_PERSON) continue;
      perPerson.set(f.person_id!, n + 1);
      members.push({ ...f, id: f.person_id!, faceId: f.id, descriptor: descriptorFromBytes(f.descriptor) });
    }
    const wanted = faceIds ? new Set(faceIds) : undefined;
    const todo = unassigned.filter((f) => !wanted || wanted.has(f.id));
    const placed = new Map<string, string>(); // face → person
    const evidence = new Map<string, FaceEvidence>(); // face → what it matched (steps 1–2)
    const changed = new Set<string>();
    const now = Date.now();

    /** @param refLink the matched reference (step 1), null (step 2), undefined (clustering: no evidence). */
    const join = (face: Known, personId: string, refLink?: string | null) => {
      if (taken.has(`${face.asset_id}:${personId}`)) return false;
      taken.add(`${face.asset_id}:${personId}`);
      placed.set(face.id, personId);
      let e = NO_EVIDENCE;
      if (refLink !== undefined) {
        const others = members.filter((m) => m.id === personId && m.asset_id !== face.asset_id);
        e = evidenceOf(model, threshold, face.descriptor, refLink, references, others, confirmed.get(personId) ?? null);
        evidence.set(face.id, e);
      }
      members.push({ ...e, id: personId, faceId: face.id, asset_id: face.asset_id, descriptor: face.descriptor, created_at: now });
      changed.add(personId);
      return true;
    };

    for (const face of todo) {
      const ref = match(model, face.descriptor, references);
      const byPerson = match(model, face.descriptor, members);
      if (ref) {
        const link = parseReferenceId(ref.candidateId);
        // The kind of reference that links a new or unlinked person: the owner's when one is within the threshold.
        const source = evidenceOf(model, threshold, face.descriptor, ref.candidateId, references, [], null).evidence;
        let target = (await people.findLinked(ownerId, link))?.id;
        if (!target && byPerson) {
          const p = await people.find(ownerId, byPerson.candidateId);
          if (p && !p.account_id && !p.contact_id) {
            await people.update(ownerId, p.id, {
              account_id: link.accountId ?? null,
              contact_id: link.contactId ?? null,
              link_source: source,
              confirmed_at: null,
            });
            confirmed.delete(p.id);
            target = p.id;
          }
        }
        target ??= await newPerson(ownerId, link, source);
        if (join(face, target, ref.candidateId)) continue;
      }
      if (byPerson && join(face, byPerson.candidateId, null)) continue;
    }

    const rest = unassigned.filter((f) => !placed.has(f.id));
    if (!faceIds) {
      // Full mode: Chinese Whispers over every unassigned face.
      const { clusters } = clusterFaces(
        model,
        rest.map((f) => ({ id: f.id, descriptor: f.descriptor, group: f.asset_id })),
      );
      const restById = new Map(rest.map((f) => [f.id, f]));
      for (const cluster of clusters) {
        const personId = await newPerson(ownerId);
        for (const id of cluster) join(restById.get(id)!, personId);
      }
    } else {
      // Incremental: a new face with unassigned matches (the closest per other photo) starts a person.
      for (const face of todo.filter((f) => !placed.has(f.id))) {
        const closest = new Map<string, { f: Known; d: number }>();
        for (const other of rest) {
          if (other.id === face.id || other.asset_id === face.asset_id || placed.has(other.id)) continue;
          const d = descriptorDistance(model, face.descriptor, other.descriptor);
          if (d <= threshold && d < (closest.get(other.asset_id)?.d ?? Infinity)) closest.set(other.asset_id, { f: other, d });
        }
        if (!closest.size) continue;
        const personId = await newPerson(ownerId);
        join(face, personId);
        for (const { f } of closest.values()) join(f, personId);
      }
    }

    const byPersonId = new Map<string, string[]>();
    for (const [faceId, personId] of placed) byPersonId.set(personId, [...(byPersonId.get(personId) ?? []), faceId]);
    for (const [personId, ids] of byPersonId) await faces.setPerson(ids, personId);
    for (const [faceId, e] of evidence) if (e !== NO_EVIDENCE) await faces.setEvidence(faceId, e);
    await people.refreshCovers([...changed]);
    return [...changed];
  }

  return { place };
}

export type FacePlacement = ReturnType<typeof createFacePlacement>;
