import type { Principal } from '../common/principal.js';
import { errors } from '../common/errors.js';
import { CALIBRATION } from '@kith/faces';
import type { FaceAnalyser } from './face-analyser.js';
import type { MergeSuggestionsRepository } from './merge-suggestions.repository.js';
import { mergeSuggestions } from './merge-suggestions.js';
import type { PersonListRow } from './people.repository.js';
import type { PeopleService } from './people.service.js';
import type { PersonAccess } from './person.access.js';

/** A "Same person?" card: two of the caller's people and how close their centroids are. */
export interface MergeSuggestionView {
  a: PersonListRow;
  b: PersonListRow;
  /** Centroid distance in the engine's metric (faces/src/matching.ts), below the match threshold. */
  distance: number;
}

/**
 * "Same person?": pairs of the caller's people whose face centroids are within the engine's calibrated
 * match threshold (docs/face-calibration.md), as Immich and Google Photos offer; "Not the same person"
 * is remembered. Merging itself is `PeopleService.merge`.
 */
export function createMergeSuggestionsService(deps: {
  repo: MergeSuggestionsRepository;
  access: PersonAccess;
  people: PeopleService;
  analyser: FaceAnalyser;
}) {
  const { repo, access, people, analyser } = deps;
  return {
    /** Up to 20 pairs, closest first; none while face analysis is off. */
    async list(principal: Principal): Promise<MergeSuggestionView[]> {
      if (!analyser.enabled) return [];
      const { people: candidates, faces } = await repo.facesOfVisiblePeople(principal.accountId, analyser.modelVersion);
      const pairs = mergeSuggestions(
        analyser.model,
        CALIBRATION[analyser.model].threshold,
        faces,
        candidates,
        await repo.dismissed(principal.accountId),
      );
      if (pairs.length === 0) return [];
      const rows = new Map((await people.list(principal, false)).map((p) => [p.id, p]));
      return pairs.flatMap((p) => {
        const a = rows.get(p.a);
        const b = rows.get(p.b);
        return a && b ? [{ a, b, distance: p.distance }] : [];
      });
    },

    /**
     * "Not the same person": the pair is not suggested again.
     * @throws 404 `not_found` when either person is not the caller's; 400 `invalid_request` for one person twice.
     */
    async dismiss(principal: Principal, personId: string, otherId: string): Promise<void> {
      await access.requirePerson(principal, personId);
      await access.requirePerson(principal, otherId);
      if (personId === otherId)
        throw errors.badRequest('invalid_request', 'Name two different people: a person is always the same as themself.');
      await repo.dismiss(principal.accountId, personId, otherId);
    },
  };
}

export type MergeSuggestionsService = ReturnType<typeof createMergeSuggestionsService>;
