import { sql, type Kysely, type Migration } from 'kysely';

/**
 * One word per concept (docs/glossary.md): a face a person registered to be recognised by is a
 * "reference face", never a "portrait". The evidence kinds stored since migration 0012 said
 * `own_portrait` and `linked_portrait`; they become `own_reference_face` and `linked_reference_face` in
 * the three columns that hold them (`face.evidence`, `person.link_source`, `delivery.evidence_kind`),
 * so the stored values, the code and the API (`DeliveryEvidence.kind`) use the same words.
 */
const RENAMES: Array<[from: string, to: string]> = [
  ['own_portrait', 'own_reference_face'],
  ['linked_portrait', 'linked_reference_face'],
];
const COLUMNS: Array<[table: string, column: string]> = [
  ['face', 'evidence'],
  ['person', 'link_source'],
  ['delivery', 'evidence_kind'],
];

async function rename(db: Kysely<any>, pairs: Array<[string, string]>): Promise<void> {
  for (const [table, column] of COLUMNS)
    for (const [from, to] of pairs)
      await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${to} WHERE ${sql.ref(column)} = ${from}`.execute(db);
}

export const referenceFaceEvidenceMigration: Migration = {
  up: (db: Kysely<any>) => rename(db, RENAMES),
  down: (db: Kysely<any>) =>
    rename(
      db,
      RENAMES.map(([from, to]) => [to, from]),
    ),
};
