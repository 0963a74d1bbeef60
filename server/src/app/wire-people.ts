import { createAccountsService, type AccountsServiceDeps } from '../accounts/accounts.service.js';
import { createPasswordsService } from '../accounts/passwords.service.js';
import { createReferenceFacesService } from '../faces/reference-faces.service.js';
import { createContactsService } from '../contacts/contacts.service.js';
import { createLinkQuestionsService } from '../contacts/link-questions.service.js';
import { createEmailVerificationService } from '../accounts/email-verification.service.js';
import { createAccountsRepository } from '../accounts/accounts.repository.js';
import { createPasswordsRepository } from '../accounts/passwords.repository.js';
import { createEmailVerificationRepository } from '../accounts/email-verification.repository.js';
import { createMailer } from '../mail/mailer.js';
import { createVCardReader } from '../contacts/vcard-pool.js';
import { createContactsRepository } from '../contacts/contacts.repository.js';
import { createFacesRepository } from '../faces/faces.repository.js';
import { createPeopleRepository } from '../faces/people.repository.js';
import { createReferenceFacesRepository } from '../faces/reference-faces.repository.js';
import { createContactFacesRepository } from '../faces/contact-faces.repository.js';
import { createReferenceDescriptorsRepository } from '../faces/reference-descriptors.repository.js';
import { createPersonAccess } from '../faces/person.access.js';
import { createFaceAccess } from '../faces/face.access.js';
import { createReferenceFaceAccess } from '../faces/reference-face.access.js';
import { createContactAccess } from '../contacts/contact.access.js';
import { createContactGroupAccess } from '../contacts/contact-group.access.js';
import { createLinkQuestionsRepository } from '../contacts/link-questions.repository.js';
import { createContactGroupsRepository } from '../contacts/contact-groups.repository.js';
import type { WireCore } from './wire-context.js';

/**
 * Wires the people a user knows and is: contacts (and their link questions), accounts (passwords,
 * e-mail verification) and the repositories of faces and people with the reference faces.
 * `claimPhone` is the phone-verification service's claim, wired later with now playing
 * (wire-now-playing.ts); it is only called once requests run.
 */
export function wirePeople(
  { config, db, blobs, domainEvents, faceAnalyser, opts }: WireCore,
  claimPhone: NonNullable<AccountsServiceDeps['claimPhone']>,
) {
  // Address books are parsed in a worker thread (docs/security.md "Address-book parsing limits").
  const vcardReader = createVCardReader();
  const contactsRepo = createContactsRepository(db);
  const contactAccess = createContactAccess(contactsRepo);
  const linkQuestionsRepo = createLinkQuestionsRepository(db);
  const contactGroupsRepo = createContactGroupsRepository(db);
  const contacts = createContactsService({
    repo: contactsRepo,
    questions: linkQuestionsRepo,
    groups: contactGroupsRepo,
    access: contactAccess,
    groupAccess: createContactGroupAccess(contactGroupsRepo),
    config,
    blobs,
    reader: vcardReader,
    domainEvents,
  });
  // Sign-up and phone/e-mail changes link existing contacts that match the account.
  const accountsRepo = createAccountsRepository(db);
  const accounts = createAccountsService({
    repo: accountsRepo,
    config,
    domainEvents,
    // account.phone and the now-playing profile's number are one claim (docs/security.md).
    claimPhone,
    passwords: createPasswordsService({ repo: createPasswordsRepository(db), accounts: accountsRepo, config, verify: opts.verifyPassword }),
  });
  // E-mail verification links go out over SMTP (KITH_SMTP_URL); a verified address links the contacts holding it.
  const mailer = createMailer(config);
  const emailVerification = createEmailVerificationService({
    repo: createEmailVerificationRepository(db),
    accounts: accountsRepo,
    config,
    mailer,
    domainEvents,
  });
  const linkQuestions = createLinkQuestionsService({ repo: linkQuestionsRepo, access: contactAccess, contacts });
  // Repositories of faces and people, shared by their services; access checks are one per resource kind.
  const faceRepos = {
    faces: createFacesRepository(db),
    people: createPeopleRepository(db),
    referenceFaces: createReferenceFacesRepository(db),
    contactFaces: createContactFacesRepository(db),
    references: createReferenceDescriptorsRepository(db),
  };
  const personAccess = createPersonAccess(faceRepos.people);
  const faceAccess = createFaceAccess(faceRepos.faces);
  const referenceFaces = createReferenceFacesService({
    repo: faceRepos.referenceFaces,
    access: createReferenceFaceAccess(faceRepos.referenceFaces),
    config,
    blobs,
    analyser: faceAnalyser,
  });
  return {
    vcardReader,
    contactsRepo,
    contactAccess,
    contacts,
    accountsRepo,
    accounts,
    mailer,
    emailVerification,
    linkQuestions,
    faceRepos,
    personAccess,
    faceAccess,
    referenceFaces,
  };
}

/** What wirePeople built, handed to the wire functions that come after it. */
export type PeopleWiring = ReturnType<typeof wirePeople>;
