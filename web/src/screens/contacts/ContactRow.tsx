/**
 * One contact: avatar (photo or initials), name, a warning when the photo matches poorly as a
 * reference face, Kith link and mutual badges, phones, e-mails, address.
 */
import { ArrowLeftRight, AtSign, Link2, Mail, Pencil, Phone, Trash2, TriangleAlert } from 'lucide-react';
import type { Contact } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { formatPhone } from '../../lib/format';

interface Props {
  contact: Contact;
  onEdit: () => void;
  onDelete: () => void;
}

export function ContactRow({ contact: c, onEdit, onDelete }: Props) {
  return (
    <li className="contact-row" data-testid="contact-row" data-contact-id={c.id}>
      <Avatar name={c.name} seed={c.id} src={c.photoUrl} size={48} />
      <div className="contact-main">
        <div className="contact-name-line">
          <span className="contact-name" data-testid="contact-name">
            {c.name}
          </span>
          {c.photoNote && (
            // Discreet: the contact works without a good photo, it is only less likely to be recognised in photos.
            <span
              className="contact-photo-note"
              data-testid="contact-photo-note"
              title={`Photo: ${c.photoNote}`}
              aria-label={`Photo: ${c.photoNote}`}
            >
              <TriangleAlert size={14} />
            </span>
          )}
          {c.linkedAccount && (
            <span
              className="badge badge-primary"
              data-testid="contact-linked"
              title={`Linked to the Kith account of ${c.linkedAccount.displayName}`}
            >
              <Link2 size={12} /> @{c.linkedAccount.username}
            </span>
          )}
          {c.mutual && (
            <span
              className="badge badge-success"
              data-testid="contact-mutual"
              title="You are in each other’s contacts: event photos can flow both ways"
            >
              <ArrowLeftRight size={12} /> Mutual
            </span>
          )}
        </div>
        <div className="contact-details">
          {c.phones.map((p) => (
            <a key={p} href={`tel:${p}`} className="contact-detail">
              <Phone size={14} /> {formatPhone(p)}
            </a>
          ))}
          {c.otherPhones.map((p) => (
            // Kept as written: no country code, and not a number of the server's region; Kith does not guess one.
            <span
              key={p}
              className="contact-detail"
              data-testid="contact-other-phone"
              title="Not a valid number here; add the country code"
            >
              <Phone size={14} /> {p} <TriangleAlert size={13} aria-label="no country code" />
            </span>
          ))}
          {c.emails.map((e) => (
            <a key={e} href={`mailto:${e}`} className="contact-detail">
              <Mail size={14} /> {e}
            </a>
          ))}
          {c.kithAddress && (
            <span className="contact-detail" data-testid="contact-kith-address">
              <AtSign size={14} /> {c.kithAddress}
            </span>
          )}
          {c.phones.length === 0 && c.otherPhones.length === 0 && c.emails.length === 0 && !c.kithAddress && (
            <span className="muted small">No phone, e-mail or Kith address</span>
          )}
        </div>
      </div>
      <div className="contact-actions">
        <button className="icon-button" aria-label={`Edit ${c.name}`} title="Edit" data-testid="contact-edit" onClick={onEdit}>
          <Pencil size={16} />
        </button>
        <button
          className="icon-button danger"
          aria-label={`Delete ${c.name}`}
          title="Delete"
          data-testid="contact-delete"
          onClick={onDelete}
        >
          <Trash2 size={16} />
        </button>
      </div>
    </li>
  );
}
