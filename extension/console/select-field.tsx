// A labelled select over an enum's options: the alias form's action and policy, the lists' status and route filters.
export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  optionLabels,
  anyOption = false,
  onChange,
}: {
  id: string;
  label: string;
  value: T | '';
  options: readonly T[];
  /** What each option reads as; the option's own value when absent. */
  optionLabels?: Record<T, string>;
  /** Adds a first, empty option `any`: a filter that filters nothing. */
  anyOption?: boolean;
  onChange: (value: T | '') => void;
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.currentTarget.value as T | '')}>
        {anyOption && <option value="">any</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabels?.[option] ?? option}
          </option>
        ))}
      </select>
    </>
  );
}
