/** A round avatar: the photo when there is one, else initials on a colour stable per person. */
import { useState } from 'react';
import { avatarColor, initials } from '../lib/format';

interface AvatarProps {
  name: string;
  /** What the colour is derived from (account or contact id); defaults to the name. */
  seed?: string;
  src?: string | null;
  size?: number;
  title?: string;
  className?: string;
}

export function Avatar({ name, seed, src, size = 36, title, className = '' }: AvatarProps) {
  const [broken, setBroken] = useState(false);
  const style = { width: size, height: size, fontSize: Math.max(10, Math.round(size * 0.4)) };
  if (src && !broken) {
    return (
      <img
        className={`avatar ${className}`}
        src={src}
        alt=""
        title={title ?? name}
        style={style}
        loading="lazy"
        onError={() => setBroken(true)}
      />
    );
  }
  return (
    <span className={`avatar ${className}`} title={title ?? name} style={{ ...style, background: avatarColor(seed ?? name) }} aria-hidden>
      {initials(name)}
    </span>
  );
}
