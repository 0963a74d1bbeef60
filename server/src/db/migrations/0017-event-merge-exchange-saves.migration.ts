import type { Kysely, Migration } from 'kysely';

/**
 * Events: one real event is one event, and a photo without a capture time has no place on the
 * time line (events/event-gathering.ts). Existing libraries are brought in line:
 * - photos whose capture time is only their upload time (`captured_at_source = 'upload'`) leave
 *   automatic events, and automatic events left empty go;
 * - an unlocked automatic event sharing photos with a marker event (tag or XMP
 *   Iptc4xmpExt:Event) of the same owner moves into it (the marker's name and code stay), and an
 *   event album that followed the automatic event's code follows the marker's;
 * - every event's span is re-derived from its dated photos (an event with none keeps its span).
 *
 * Exchanges: round images stay in the exchange until a participant saves one. Each side's
 * `*_source_sha` is the SHA-256 of the bytes as sent, before Kith re-encoded them: it names the
 * original in the sender's library, so saving never adds a second copy of a photo already there.
 */
export const eventMergeExchangeSavesMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('exchange_round').addColumn('requester_source_sha', 'text').execute();
    await db.schema.alterTable('exchange_round').addColumn('responder_source_sha', 'text').execute();

    await db
      .deleteFrom('asset_event')
      .where('asset_id', 'in', db.selectFrom('asset').select('id').where('captured_at_source', '=', 'upload'))
      .where('event_id', 'in', db.selectFrom('event').select('id').where('source', '=', 'auto'))
      .execute();

    const pairs = await db
      .selectFrom('asset_event as a')
      .innerJoin('event as auto', 'auto.id', 'a.event_id')
      .innerJoin('asset_event as b', 'b.asset_id', 'a.asset_id')
      .innerJoin('event as m', 'm.id', 'b.event_id')
      .whereRef('m.owner_id', '=', 'auto.owner_id')
      .where('auto.source', '=', 'auto')
      .where('auto.locked', '=', 0)
      .where('m.source', '!=', 'auto')
      .select(['auto.id as auto_id', 'auto.marker as auto_marker', 'auto.owner_id', 'm.id as m_id', 'm.marker as m_marker', 'm.created_at'])
      .distinct()
      .orderBy('m.created_at')
      .execute();
    const done = new Set<string>();
    for (const p of pairs) {
      if (done.has(p.auto_id)) continue;
      done.add(p.auto_id);
      const moved = await db.selectFrom('asset_event').select('asset_id').where('event_id', '=', p.auto_id).execute();
      for (const r of moved)
        await db
          .insertInto('asset_event')
          .values({ asset_id: r.asset_id, event_id: p.m_id })
          .onConflict((oc) => oc.doNothing())
          .execute();
      await db.deleteFrom('asset_event').where('event_id', '=', p.auto_id).execute();
      await db.deleteFrom('event').where('id', '=', p.auto_id).execute();
      const taken = await db
        .selectFrom('album')
        .select('id')
        .where('owner_id', '=', p.owner_id)
        .where('kind', '=', 'event')
        .where('event_marker', '=', p.m_marker)
        .executeTakeFirst();
      if (!taken)
        await db
          .updateTable('album')
          .set({ event_marker: p.m_marker })
          .where('owner_id', '=', p.owner_id)
          .where('kind', '=', 'event')
          .where('event_marker', '=', p.auto_marker)
          .execute();
    }

    await db
      .deleteFrom('event')
      .where('source', '=', 'auto')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('asset_event').select('asset_id').whereRef('asset_event.event_id', '=', 'event.id'))))
      .execute();
    // Each event's span from its dated photos; an event with none keeps what it has.
    const dated = (eb: any, fn: 'min' | 'max', keep: 'start_at' | 'end_at') =>
      eb.fn.coalesce(
        eb
          .selectFrom('asset_event')
          .innerJoin('asset', 'asset.id', 'asset_event.asset_id')
          .whereRef('asset_event.event_id', '=', 'event.id')
          .where('asset.captured_at_source', '!=', 'upload')
          .select((e: any) => e.fn[fn]('asset.captured_at').as('t')),
        eb.ref(`event.${keep}`),
      );
    await db
      .updateTable('event')
      .set((eb: any) => ({ start_at: dated(eb, 'min', 'start_at'), end_at: dated(eb, 'max', 'end_at') }))
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('exchange_round').dropColumn('responder_source_sha').execute();
    await db.schema.alterTable('exchange_round').dropColumn('requester_source_sha').execute();
  },
};
