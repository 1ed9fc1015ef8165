// How the console writes times, sizes and addresses: unambiguous (UTC, ISO order) and the same on every machine.
import type { MailboxJson } from '../../shared/api/common.ts';

/** `2026-11-21 09:12 UTC`; a dash for no time. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** `Ann Customer <ann@customer.example>`, or the bare address. */
export function formatMailbox(mailbox: MailboxJson | null | undefined): string {
  if (!mailbox) return '(unknown sender)';
  return mailbox.name ? `${mailbox.name} <${mailbox.address}>` : mailbox.address;
}

export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${percent < 10 && percent !== 0 ? percent.toFixed(1) : Math.round(percent)}%`;
}
