import type { InputHTMLAttributes, ReactNode } from 'react';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: ReactNode;
  /** Help under the input. */
  hint?: ReactNode;
}

/** A labelled text input with an optional hint: the one shape every form in the app uses. */
export function TextField({ label, hint, className, ...input }: TextFieldProps) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input className={className ?? 'input'} {...input} />
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}
