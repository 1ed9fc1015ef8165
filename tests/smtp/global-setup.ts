// Starts the SMTP servers of the Test Connection tests once for the project (Node side), and stops them after.
import { parseSmtpTestPorts, SMTP_TEST_PORTS_VARIABLE } from './ports.ts';
import { smtpServersUnavailableReason, startSmtpTestServers } from './servers.ts';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const unavailable = smtpServersUnavailableReason();
  if (unavailable) {
    console.warn(`SMTP connection tests skipped: ${unavailable}`);
    return;
  }
  const servers = await startSmtpTestServers(parseSmtpTestPorts(process.env[SMTP_TEST_PORTS_VARIABLE]));
  return () => servers.stop();
}
