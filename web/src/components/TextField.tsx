import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: ReactNode;
  /** Help under the input. */
  hint?: ReactNode;
  /** What is wrong with the value, in words; shown under the input and announced with it. */
  error?: string | null;
}

/**
 * A labelled text input with an optional hint and error: the one shape every form in the app uses.
 * An error marks the input `aria-invalid` and is tied to it by `aria-describedby` (WCAG 3.3.1 "Error
 * Identification"), so a screen reader reads it with the field.
 */
export function TextField({ label, hint, error, className, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const testId = (input as { 'data-testid'?: string })['data-testid'];
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className={`${className ?? 'input'}${error ? ' input-invalid' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
        {...input}
      />
      {error && (
        <span className="field-error" id={errorId} data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </span>
      )}
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
    </label>
  );
}
