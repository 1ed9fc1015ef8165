// The words of a caught value, for a message an admin reads: an Error's message, anything else as text.

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
