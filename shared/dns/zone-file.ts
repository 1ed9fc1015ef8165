// Renders fixes as a BIND zone-file snippet (RFC 1035 5.1) a registrar's "import zone" box or an admin can use.
import type { RecordFix } from '../api/dns.ts';
import { quoteTxt } from './txt.ts';

function formatOwner(name: string): string {
  return `${name.replace(/\.$/, '')}.`;
}

/** A host name in RDATA is written fully qualified, so the zone's $ORIGIN cannot be appended to it. */
function formatTarget(host: string): string {
  return host === '.' || host === '' ? '.' : `${host.replace(/\.$/, '')}.`;
}

/** The RDATA of a record: TXT split into quoted 255-octet strings, host names fully qualified. */
export function formatRdata(record: RecordFix['record']): string {
  switch (record.type) {
    case 'TXT':
      return quoteTxt(record.value);
    case 'MX':
      return `${record.priority ?? 10} ${formatTarget(record.value)}`;
    case 'CNAME':
    case 'NS':
      return formatTarget(record.value);
    case 'SRV': {
      // value holds "weight port target"; priority comes from the record (RFC 2782).
      const [weight = '0', port = '0', target = '.'] = record.value.trim().split(/\s+/);
      return `${record.priority ?? 0} ${weight} ${port} ${formatTarget(target)}`;
    }
    default:
      return record.value;
  }
}

export function formatZoneLine(record: RecordFix['record']): string {
  return `${formatOwner(record.name)}\t${record.ttl}\tIN\t${record.type}\t${formatRdata(record)}`;
}

/**
 * One snippet for every fix: records to add as zone lines, replacements as the new line after a comment naming
 * the old value, deletions as comments (a zone file can only describe what exists, not what to remove).
 */
export function renderZoneFile(fixes: RecordFix[]): string {
  const lines = ['; mailgate: DNS changes for mail (BIND zone-file format, RFC 1035 5.1)'];
  for (const fix of fixes) {
    const line = formatZoneLine(fix.record);
    if (fix.action === 'add') lines.push(line);
    else if (fix.action === 'replace') {
      lines.push(
        `; replace the ${fix.record.type} record of ${formatOwner(fix.record.name)} that reads: ${fix.current ?? '(current value)'}`,
      );
      lines.push(line);
    } else lines.push(`; delete: ${line}`);
  }
  return `${lines.join('\n')}\n`;
}
