// Starts the SMTP servers of the Test Connection tests once for the project (Node side), and stops them after.
import { smtpServersUnavailableReason, startSmtpTestServers } from './servers.ts';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const unavailable = smtpServersUnavailableReason();
  if (unavailable) {
    console.warn(`SMTP connection tests skipped: ${unavailable}`);
    return;
  }
  const servers = await startSmtpTestServers();
  return () => servers.stop();
}
