/**
 * DTOs of the Kith HTTP API as the web app uses them: aliases of the generated SDK's
 * schemas (`npm run openapi` regenerates them from the server's zod schemas), so a
 * server-side change shows up here as a type error.
 */
import type { paths, Schemas } from '@kith/sdk';

export type Account = Schemas['Account'];
export type ApiToken = Schemas['ApiToken'];
export type ApiTokenScope = ApiToken['scope'];
export type ReferenceFace = Schemas['ReferenceFace'];

/** The short form of an account shown next to content it owns or contributed. */
export type AccountRef = Schemas['Person'];
/** A photo; `ready` is false until thumbnail and preview exist (then 'asset.ready' arrives). */
export type Asset = Schemas['Asset'];
export type UploadResult = Schemas['UploadResult'];
export type UploadStatus = UploadResult['status'];

export type AlbumSummary = Schemas['AlbumSummary'];
export type AlbumDetail = Schemas['AlbumDetail'];
/** An asset inside an album, credited to whoever added it. */
export type AlbumAsset = AlbumDetail['assets'][number];
export type AlbumMember = AlbumDetail['members'][number];

export type Contact = Schemas['Contact'];
export type ContactGroup = Schemas['ContactGroup'];
/** "Is Dad @mallory on this server?": a link resting on an address the account has not proven. */
export type LinkQuestion = Schemas['LinkQuestion'];
export type NewContact = paths['/api/contacts']['post']['requestBody']['content']['application/json'];
export type ImportReport = Schemas['ContactImportReport'];
export type ImportStatus = Schemas['ContactImportCard']['status'];

export type EventSummary = Schemas['EventSummary'];
/** An event with its photos in capture order. */
export type EventDetail = { event: EventSummary; assets: Asset[] };
export type SharePreview = Schemas['EventSharePreview'];
export type ExclusionReason = SharePreview['excluded'][number]['reason'];
export type ShareResult = Schemas['EventShareResult'];

/** A person of the People page (a cluster of my faces), with counts and cover crop. */
export type FacePerson = Schemas['FacePerson'];
/** One detected face: boxes (px and 0..1), quality, and for the owner its person and crop. */
export type Face = Schemas['Face'];
/** Face analysis progress of my library. */
export type FaceStatus = Schemas['FaceStatus'];
/** Now playing: a friend's current play, their listens, my settings and association. */
export type NowPlaying = Schemas['NowPlaying'];
export type Listen = Schemas['Listen'];
export type NowPlayingFriend = Schemas['NowPlayingFriend'];
export type NowPlayingSettings = Schemas['NowPlayingSettings'];
export type NowPlayingAssociation = Schemas['NowPlayingAssociation'];
export type NowPlayingConnect = paths['/api/now-playing/connect']['get']['responses']['200']['content']['application/json'];
export type AssociationUpload = paths['/api/now-playing/association']['put']['requestBody']['content']['application/json'];
export type SettingsPatch = paths['/api/now-playing/settings']['patch']['requestBody']['content']['application/json'];
export type PhoneStatus = Schemas['PhoneStatus'];
export type NowPlayingConfirmation = Schemas['NowPlayingConfirmation'];
