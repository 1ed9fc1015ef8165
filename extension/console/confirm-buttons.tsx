// The second step of a destructive action in a row: the button that does it, and the way back.
export function ConfirmButtons({
  label,
  description,
  busy,
  onConfirm,
  onKeep,
}: {
  label: string;
  /** What the confirming button does, for screen readers (the row's other buttons read alike). */
  description: string;
  busy: boolean;
  onConfirm: () => void;
  onKeep: () => void;
}) {
  return (
    <>
      <button type="button" class="button-danger" disabled={busy} onClick={onConfirm} aria-label={description}>
        {label}
      </button>
      <button type="button" class="button-secondary" onClick={onKeep}>
        Keep
      </button>
    </>
  );
}
