// The mail the load benchmark offers: a short plain-text request to the benchmark's alias.

export function buildMail(index: number, sender: string, subject: string, alias: string): string {
  return [
    `From: Customer ${index} <${sender}>`,
    `To: ${alias}`,
    `Subject: ${subject}`,
    `Message-ID: <load.${index}.${Date.now()}@sender.test>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, this is mail ${index} of the load benchmark.`,
    'Could you send me the quote for 40 units by Friday?',
    '',
    'Thanks, Ann',
    '',
  ].join('\r\n');
}
