// What the overlay tells an admin on an Incoming Mail Server (fetchmail.server) form. Sources: Odoo documentation,
// "Manage inbound messages" (incoming servers are fetched by the "Mail: Fetchmail Service" scheduled action, so mail
// is not retrieved immediately) and odoo-mailgate.py, which mailgate replaces (message_process on arrival).

export const INCOMING_SERVER_EXPLANATION: readonly string[] = [
  "With mailgate, mail to your alias domain reaches Odoo in real time: the gateway receives it and hands it to Odoo's own message_process, as odoo-mailgate.py does, within a second, and retries for days if Odoo is down.",
  'An incoming mail server polls a mailbox on a schedule (the "Mail: Fetchmail Service" action, every few minutes): it is no longer needed for the addresses mailgate receives.',
  'Keep this server only for a mailbox mailgate does not receive (another domain). Otherwise, once your MX points to mailgate, archive it (Actions → Archive) to stop the polling: archiving keeps its settings.',
];
