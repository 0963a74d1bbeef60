/**
 * A radio group drawn as cards, one per choice with a title and a sentence (settings modes such
 * as routing's auto / suggest / off, the inbox policy). Test hooks: `${testId}` on each card with
 * the attribute `valueAttr` (default `data-value`) holding its value, `${testId}-${value}` on its radio input.
 */
interface Choice<V extends string> {
  value: V;
  title: string;
  text: string;
}

interface ChoiceCardsProps<V extends string> {
  choices: Array<Choice<V>>;
  /** Undefined while loading: the radios are disabled. */
  value: V | undefined;
  onChange: (value: V) => void;
  /** Radio group name and the accessible label of the group. */
  name: string;
  label: string;
  testId: string;
  /** Attribute of each card that holds its value, e.g. `data-mode`. */
  valueAttr?: `data-${string}`;
}

export function ChoiceCards<V extends string>({
  choices,
  value,
  onChange,
  name,
  label,
  testId,
  valueAttr = 'data-value',
}: ChoiceCardsProps<V>) {
  return (
    <div className="choice-cards" role="radiogroup" aria-label={label}>
      {choices.map((c) => (
        <label
          key={c.value}
          className={`choice-card${value === c.value ? ' choice-card-on' : ''}`}
          data-testid={testId}
          {...{ [valueAttr]: c.value }}
        >
          <input
            type="radio"
            name={name}
            value={c.value}
            checked={value === c.value}
            disabled={value === undefined}
            onChange={() => onChange(c.value)}
            data-testid={`${testId}-${c.value}`}
          />
          <span>
            <strong>{c.title}</strong>
            <span className="muted small">{c.text}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
