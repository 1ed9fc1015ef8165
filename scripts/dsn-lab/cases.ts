// The DSN lab's cases: what each test message is sent to, what the scripted remote server answers, what must come back.
import type { ScriptedReply } from './smtp-sink.ts';

/** Ports on 127.0.0.1 (a range no project service uses). */
export const LAB_PORTS = {
  postfixSmtpd: 8810,
  /** The scripted remote server; it also receives the DSNs addressed to the lab's sender. */
  sink: 8811,
  /** A second scripted server that advertises a small SIZE limit (RFC 1870). */
  smallSink: 8812,
  /** Nothing listens here: connections are refused (a host that is down). */
  closed: 8819,
  eximSmtpd: 8820,
} as const;

export const LAB_SENDER = 'erp@sender.lab.test';
export const SMALL_SIZE_LIMIT = 20000;

/** Domains and where the lab MTAs send them. `nosuch-domain.invalid` goes to real DNS, which answers NXDOMAIN. */
export const LAB_ROUTES = [
  { domain: 'sender.lab.test', port: LAB_PORTS.sink },
  { domain: 'remote.lab.test', port: LAB_PORTS.sink },
  { domain: 'elsewhere.lab.test', port: LAB_PORTS.sink },
  { domain: 'small.lab.test', port: LAB_PORTS.smallSink },
  { domain: 'down.lab.test', port: LAB_PORTS.closed },
] as const;
/** The domain the lab MTAs deliver locally: every local part is unknown there. */
export const LAB_LOCAL_DOMAIN = 'local.lab.test';

export type Mta = 'postfix' | 'exim';
export type NoticeKind = 'failure' | 'delay';

/** What a correct classifier must say about one recipient of one notice (known because the lab caused it). */
export type ExpectedRecipient = {
  address: string;
  status: string | null;
  reason: string;
  permanent: boolean;
  action: 'failed' | 'delayed';
};

export type LabCase = {
  id: string;
  /** What the case causes, in a sentence (copied into the fixtures' README). */
  causes: string;
  recipients: string[];
  /** Body size to send, in bytes (default small). */
  bodyBytes?: number;
  /** Which MTAs run the case. */
  mtas: Mta[];
  /** The notices that must come back, with their labels, per MTA. */
  expect: (mta: Mta) => Partial<Record<NoticeKind, ExpectedRecipient[]>>;
};

/** Scripted answers of the remote server, by recipient. Texts follow the wording of common server software. */
export const SCRIPTED_REPLIES = new Map<string, ScriptedReply>([
  [
    'gone@remote.lab.test',
    { rcpt: '550 5.1.1 <gone@remote.lab.test>: Recipient address rejected: User unknown in virtual mailbox table' },
  ],
  [
    'gone2@remote.lab.test',
    { rcpt: '550 5.1.1 <gone2@remote.lab.test>: Recipient address rejected: User unknown in virtual mailbox table' },
  ],
  ['outsider@elsewhere.lab.test', { rcpt: '554 5.7.1 <outsider@elsewhere.lab.test>: Relay access denied' }],
  ['bulky@remote.lab.test', { data: '552 5.3.4 Message size exceeds fixed limit' }],
  ['full@remote.lab.test', { rcpt: '552 5.2.2 <full@remote.lab.test>: Quota exceeded (mailbox for user is full)' }],
  ['full2@remote.lab.test', { rcpt: '552 5.2.2 <full2@remote.lab.test>: Quota exceeded (mailbox for user is full)' }],
  ['over@remote.lab.test', { rcpt: '452 4.2.2 <over@remote.lab.test>: Mailbox is full, try again later' }],
]);

const failed = (address: string, status: string | null, reason: string): ExpectedRecipient => ({
  address,
  status,
  reason,
  permanent: status === null || status.startsWith('5'),
  action: 'failed',
});
const delayed = (address: string, status: string, reason: string): ExpectedRecipient => ({
  address,
  status,
  reason,
  permanent: false,
  action: 'delayed',
});

/**
 * The statuses are those each MTA writes for the cause: Postfix maps its own failures to specific codes (RFC 3463),
 * keeps the remote server's code, and keeps a transient class when a message expires; Exim writes 5.0.0/4.0.0 for
 * failures without a remote code and declares an expired message failed with 5.0.0.
 */
export const LAB_CASES: LabCase[] = [
  {
    id: 'local-unknown-user',
    causes: "a local part that does not exist in the MTA's own local domain",
    recipients: ['nobody-here@local.lab.test'],
    mtas: ['postfix', 'exim'],
    expect: (mta) => ({
      failure: [failed('nobody-here@local.lab.test', mta === 'postfix' ? '5.1.1' : '5.0.0', 'userunknown')],
    }),
  },
  {
    id: 'remote-unknown-user',
    causes: 'the remote server answers RCPT TO with 550 5.1.1 (user unknown)',
    recipients: ['gone@remote.lab.test'],
    mtas: ['postfix', 'exim'],
    expect: () => ({ failure: [failed('gone@remote.lab.test', '5.1.1', 'userunknown')] }),
  },
  {
    id: 'unknown-host',
    causes: 'a recipient domain that does not exist (the resolver answers NXDOMAIN)',
    recipients: ['someone@nosuch-domain.invalid'],
    mtas: ['postfix', 'exim'],
    expect: (mta) => ({
      failure: [failed('someone@nosuch-domain.invalid', mta === 'postfix' ? '5.4.4' : '5.0.0', 'hostunknown')],
    }),
  },
  {
    id: 'relay-refused',
    causes: 'the remote server refuses to relay (554 5.7.1 Relay access denied at RCPT TO)',
    recipients: ['outsider@elsewhere.lab.test'],
    mtas: ['postfix', 'exim'],
    expect: () => ({ failure: [failed('outsider@elsewhere.lab.test', '5.7.1', 'norelaying')] }),
  },
  {
    id: 'too-big-size',
    causes: 'a 60 KB message to a server that advertises SIZE 20000: the sending MTA gives up before MAIL FROM',
    recipients: ['big@small.lab.test'],
    bodyBytes: 60000,
    mtas: ['postfix'],
    expect: () => ({ failure: [failed('big@small.lab.test', '5.3.4', 'mesgtoobig')] }),
  },
  {
    id: 'too-big-data',
    causes: 'the remote server answers the end of DATA with 552 5.3.4 (message too big)',
    recipients: ['bulky@remote.lab.test'],
    bodyBytes: 60000,
    mtas: ['postfix', 'exim'],
    expect: () => ({ failure: [failed('bulky@remote.lab.test', '5.3.4', 'mesgtoobig')] }),
  },
  {
    id: 'mailbox-full',
    causes: 'the remote server answers RCPT TO with 552 5.2.2 (quota exceeded)',
    recipients: ['full@remote.lab.test'],
    mtas: ['postfix', 'exim'],
    expect: () => ({ failure: [failed('full@remote.lab.test', '5.2.2', 'mailboxfull')] }),
  },
  {
    id: 'mailbox-full-transient',
    causes:
      'the remote server answers RCPT TO with 452 4.2.2 until the message expires: a delay warning, then a failure',
    recipients: ['over@remote.lab.test'],
    mtas: ['postfix', 'exim'],
    expect: (mta) => ({
      delay: [delayed('over@remote.lab.test', '4.2.2', 'mailboxfull')],
      failure: [
        mta === 'postfix'
          ? { ...delayed('over@remote.lab.test', '4.2.2', 'mailboxfull'), action: 'failed' }
          : failed('over@remote.lab.test', '5.0.0', 'mailboxfull'),
      ],
    }),
  },
  {
    id: 'host-down',
    causes: "the recipient's server refuses connections until the message expires: a delay warning, then a failure",
    recipients: ['waiting@down.lab.test'],
    mtas: ['postfix', 'exim'],
    expect: (mta) => ({
      delay: [delayed('waiting@down.lab.test', mta === 'postfix' ? '4.4.1' : '4.0.0', 'expired')],
      failure: [
        mta === 'postfix'
          ? { ...delayed('waiting@down.lab.test', '4.4.1', 'expired'), action: 'failed' }
          : failed('waiting@down.lab.test', '5.0.0', 'expired'),
      ],
    }),
  },
  {
    id: 'two-recipients',
    causes: 'one message, two recipients refused for different reasons (550 5.1.1 and 552 5.2.2)',
    recipients: ['gone2@remote.lab.test', 'full2@remote.lab.test'],
    mtas: ['postfix', 'exim'],
    expect: () => ({
      failure: [
        failed('gone2@remote.lab.test', '5.1.1', 'userunknown'),
        failed('full2@remote.lab.test', '5.2.2', 'mailboxfull'),
      ],
    }),
  },
];
