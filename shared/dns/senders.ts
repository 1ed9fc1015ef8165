// The table of mail services admins actually use: the SPF include, DKIM form and MX each one needs.
//
// Every value cites where it was checked. "Unconfirmed" marks a value seen only in third-party guides, not in
// the provider's own documentation: keep it, but treat a mismatch on it as a hint, never as a hard failure.

export type DkimForm =
  /** The admin publishes a CNAME that points at a key the provider hosts (rotation needs no DNS change). */
  | { kind: 'cname'; selectors: string[]; targetSuffix: string; target?: (selector: string) => string }
  /** The admin publishes the public key itself as TXT (v=DKIM1; k=rsa; p=…). */
  | { kind: 'txt'; selectors: string[] };

export type MxExpectation = {
  /** Exchange hosts, lower-case, without trailing dot. Priorities are deliberately not part of the expectation. */
  hosts: string[];
  /** True when a host name ends with one of these (per-tenant hosts such as `<tenant>.mail.protection.outlook.com`). */
  hostSuffixes?: string[];
};

export type SenderService = {
  id: string;
  name: string;
  /** The SPF term the domain's record must contain, or null when the service aligns SPF another way. */
  spfTerm: string | null;
  /** Fixed selectors are checked automatically; an empty list means the selector is per account. */
  dkim: DkimForm | null;
  /** The MX the service needs when it is the domain's receiver; null when it does not receive mail. */
  mx: MxExpectation | null;
  sources: string[];
};

export const SENDER_SERVICES: readonly SenderService[] = [
  {
    id: 'cloudflare',
    name: 'Cloudflare Email Routing',
    // MX route1/2/3 with priorities assigned per zone, SPF include and the DKIM TXT record on the root domain:
    // https://developers.cloudflare.com/email-service/configuration/domains/ (Routing records: MX route1..3,
    // "Priority: Assigned automatically by Cloudflare"); SPF include:_spf.mx.cloudflare.net:
    // https://developers.cloudflare.com/email-routing/postmaster/ ; the cf2024-1 selector appears on that postmaster
    // page (cf2024-1._domainkey.email.cloudflare.net); that Routing publishes cf2024-1._domainkey on the customer's
    // own domain is not spelled out word for word in those pages: unconfirmed.
    spfTerm: 'include:_spf.mx.cloudflare.net',
    dkim: { kind: 'txt', selectors: ['cf2024-1'] },
    mx: { hosts: ['route1.mx.cloudflare.net', 'route2.mx.cloudflare.net', 'route3.mx.cloudflare.net'] },
    sources: [
      'https://developers.cloudflare.com/email-service/configuration/domains/',
      'https://developers.cloudflare.com/email-routing/postmaster/',
    ],
  },
  {
    id: 'cloudflare-sending',
    name: 'Cloudflare Email Service (sending)',
    // Email Sending onboards a domain with records on its own `cf-bounce` subdomain, the Return-Path it sends with:
    // MX cf-bounce → route1..3.mx.cloudflare.net and TXT cf-bounce "v=spf1 include:_spf.mx.cloudflare.net ~all"
    // (bounces and the SPF that aligns, both managed and locked by Cloudflare), the DKIM key as a TXT record under
    // the selector `cf-bounce` on the domain itself ("cf-bounce._domainkey.yourdomain.com", not a CNAME), and a
    // DMARC record: https://developers.cloudflare.com/email-service/configuration/domains/ (Sending records) and
    // https://developers.cloudflare.com/email-service/concepts/email-authentication/ . The apex SPF term is the same
    // include, merged with the others: mail that leaves with the apex as envelope sender (a relay in front, a
    // forwarding hop) still passes, and next to Email Routing it costs no extra lookup (the same include).
    spfTerm: 'include:_spf.mx.cloudflare.net',
    dkim: { kind: 'txt', selectors: ['cf-bounce'] },
    mx: null,
    sources: [
      'https://developers.cloudflare.com/email-service/configuration/domains/',
      'https://developers.cloudflare.com/email-service/concepts/email-authentication/',
    ],
  },
  {
    id: 'google',
    name: 'Google Workspace',
    // SPF include:_spf.google.com and MX: support.google.com/a/answer/10684623 and /140034 as cited by
    // https://powershellgallery.com/packages/DNSHealth/1.0.8/Content/MailProviders%5CGoogle.json and the Domain
    // Connect template https://github.com/plesk/domain-connect-templates/blob/master/google.com.gsuite-shared.json
    // (aspmx/alt1..4). Since 2023 new tenants get the single MX smtp.google.com (third-party guide
    // https://app.dnspro.co.uk/articles/dns-records-needed-for-google-workspace): unconfirmed at Google itself.
    // DKIM: a TXT key generated in the Admin console, default selector "google" (support.google.com/a/answer/174126,
    // cited by the DNSHealth table above).
    spfTerm: 'include:_spf.google.com',
    dkim: { kind: 'txt', selectors: ['google'] },
    mx: {
      hosts: [
        'smtp.google.com',
        'aspmx.l.google.com',
        'alt1.aspmx.l.google.com',
        'alt2.aspmx.l.google.com',
        'alt3.aspmx.l.google.com',
        'alt4.aspmx.l.google.com',
      ],
    },
    sources: [
      'https://support.google.com/a/answer/10684623',
      'https://support.google.com/a/answer/140034',
      'https://support.google.com/a/answer/174126',
    ],
  },
  {
    id: 'microsoft365',
    name: 'Microsoft 365',
    // SPF include:spf.protection.outlook.com, MX <domain-guid>.mail.protection.outlook.com, DKIM selector1/selector2
    // CNAMEs to selector1-<domain-guid>._domainkey.<tenant>.onmicrosoft.com: the Domain Connect template
    // https://github.com/Domain-Connect/Templates/blob/master/microsoft.com.o365.json (SPFM %SPFRULES%, MX %MX%) and
    // https://github.com/StackExchange/dnscontrol/blob/main/documentation/functions/record/M365_BUILDER.md.
    // learn.microsoft.com itself was not in the searchable corpus: the include value is unconfirmed there.
    spfTerm: 'include:spf.protection.outlook.com',
    dkim: { kind: 'cname', selectors: ['selector1', 'selector2'], targetSuffix: '.onmicrosoft.com' },
    mx: { hosts: [], hostSuffixes: ['.mail.protection.outlook.com'] },
    sources: [
      'https://github.com/Domain-Connect/Templates/blob/master/microsoft.com.o365.json',
      'https://github.com/StackExchange/dnscontrol/blob/main/documentation/functions/record/M365_BUILDER.md',
    ],
  },
  {
    id: 'odoo',
    name: 'Odoo Online / Odoo.sh',
    // "v=spf1 include:_spf.odoo.com ~all" and "odoo._domainkey IN CNAME odoo._domainkey.odoo.com.":
    // https://github.com/odoo/documentation/blob/master/content/applications/general/email_communication/email_domain.rst
    // (the source of https://www.odoo.com/documentation/latest/applications/general/email_communication/email_domain.html).
    // Odoo does not receive mail for a custom domain by MX in that guide (incoming mail is forwarded): no MX.
    spfTerm: 'include:_spf.odoo.com',
    dkim: {
      kind: 'cname',
      selectors: ['odoo'],
      targetSuffix: 'odoo._domainkey.odoo.com',
      target: () => 'odoo._domainkey.odoo.com',
    },
    mx: null,
    sources: ['https://www.odoo.com/documentation/latest/applications/general/email_communication/email_domain.html'],
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    // include:mailgun.org, DKIM TXT under a per-domain selector (k=rsa; p=…), MX mxa/mxb.mailgun.org for inbound
    // routes: https://documentation.mailgun.com/en/latest/user_manual.html (Domain verification) as summarised by
    // https://support.rentman.io/hc/en-us/articles/360020178399 ; newer accounts get CNAME-delegated pdk1/pdk2
    // selectors (https://mxio.io/providers/mailgun): unconfirmed at Mailgun itself, so no fixed selector here.
    spfTerm: 'include:mailgun.org',
    dkim: { kind: 'txt', selectors: [] },
    mx: { hosts: ['mxa.mailgun.org', 'mxb.mailgun.org'] },
    sources: ['https://documentation.mailgun.com/en/latest/user_manual.html'],
  },
  {
    id: 'amazon-ses',
    name: 'Amazon SES',
    // Easy DKIM: three CNAMEs <token>._domainkey → <token>.dkim.amazonses.com (tokens per identity):
    // https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html and the VerifyDomainDkim
    // reference https://awscli.amazonaws.com/v2/documentation/api/2.3.2/reference/ses/verify-domain-dkim.html.
    // SPF: the default MAIL FROM is a subdomain of amazonses.com, so SPF passes without touching the domain; a
    // custom MAIL FROM subdomain needs "include:amazonses.com" there
    // (https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-spf.html): no apex include required.
    spfTerm: null,
    dkim: { kind: 'cname', selectors: [], targetSuffix: '.dkim.amazonses.com' },
    mx: null,
    sources: [
      'https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html',
      'https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-spf.html',
    ],
  },
  {
    id: 'sendgrid',
    name: 'SendGrid (Twilio)',
    // Automated security: three CNAMEs, em<id> → u<id>.wl<n>.sendgrid.net (return path, which carries SPF) and
    // s1/s2._domainkey → s1/s2.domainkey.u<id>.wl<n>.sendgrid.net:
    // https://www.twilio.com/docs/sendgrid/api-reference/domain-authentication/authenticate-a-domain ; the s1/s2
    // host names come from published examples (https://gist.github.com/mwhiteley16/b9f4423f2fac4338371fdd6024b1e6e8).
    // The apex include:sendgrid.net is only needed with automated security off: unconfirmed, so not required.
    spfTerm: null,
    dkim: { kind: 'cname', selectors: ['s1', 's2'], targetSuffix: '.sendgrid.net' },
    mx: null,
    sources: ['https://www.twilio.com/docs/sendgrid/api-reference/domain-authentication/authenticate-a-domain'],
  },
  {
    id: 'postmark',
    name: 'Postmark',
    // DKIM TXT under a date-based per-domain selector ("<date>pm._domainkey"), Return-Path CNAME pm-bounces →
    // pm.mtasv.net that aligns SPF, no apex include needed (include:spf.mtasv.net optional). Only third-party
    // guides were found (https://trustyourinbox.com/kb/source-configuration/postmark,
    // https://mxio.io/providers/postmark): unconfirmed at postmarkapp.com.
    spfTerm: null,
    dkim: { kind: 'txt', selectors: [] },
    mx: null,
    sources: ['https://postmarkapp.com/support/article/1090-dkim (not in the corpus: unconfirmed)'],
  },
  {
    id: 'brevo',
    name: 'Brevo (ex Sendinblue)',
    // The Brevo API answers a TXT DKIM record with host "mail._domainkey" (k=rsa; p=…):
    // https://developers.brevo.com/docs/domain-authentication-and-verification . Newer domains get brevo1/brevo2
    // CNAMEs instead (not found in the corpus: unconfirmed). SPF include:spf.brevo.com (older
    // include:spf.sendinblue.com seen in https://pastebin.com/dc2CxSXa): unconfirmed, DKIM aligns DMARC.
    spfTerm: null,
    dkim: { kind: 'txt', selectors: ['mail'] },
    mx: null,
    sources: ['https://developers.brevo.com/docs/domain-authentication-and-verification'],
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    // MX mx/mx2/mx3.zoho.com (10/20/50), include:zoho.com (US data centre; EU zoho.eu, IN zoho.in), DKIM TXT under
    // a selector the admin picks: https://adminconsole.wiki.zoho.com/domains/SPF-Record.html (page body not
    // readable in the corpus), https://mxtoolbox.com/t/outbound-email-provider/?name=zoho ,
    // https://spfcreator.com/resources/spf-record-for-zoho : unconfirmed at zoho.com itself.
    spfTerm: 'include:zoho.com',
    dkim: { kind: 'txt', selectors: [] },
    mx: { hosts: ['mx.zoho.com', 'mx2.zoho.com', 'mx3.zoho.com'] },
    sources: ['https://www.zoho.com/mail/help/adminconsole/spf-configuration.html (not in the corpus: unconfirmed)'],
  },
  {
    id: 'own-mta',
    name: 'Own mail server (Postfix, Exim…)',
    // A self-hosted MTA sends from the domain's MX host: "mx" authorises it (RFC 7208 5.4) and the DKIM key is a
    // TXT record under the selector configured in the signer (RFC 6376 3.6.2.1). MX is the server's own name,
    // given by the admin with --expect mx=HOST.
    spfTerm: 'mx',
    dkim: { kind: 'txt', selectors: [] },
    mx: { hosts: [] },
    sources: [
      'https://www.rfc-editor.org/rfc/rfc7208#section-5.4',
      'https://www.rfc-editor.org/rfc/rfc6376#section-3.6.2.1',
    ],
  },
];

export const SENDER_SERVICE_IDS: readonly string[] = SENDER_SERVICES.map((service) => service.id);

export function findSenderService(id: string): SenderService | undefined {
  return SENDER_SERVICES.find((service) => service.id === id);
}
