// Popup entry: mounts the checklist for `?domain=` (contracts.md), checked over DNS-over-HTTPS.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { DnsRecord } from '../../../shared/api/dns.ts';
import { checkDomain } from '../../../shared/dns/check-domain.ts';
import { createDohResolver } from '../../../shared/dns/doh.ts';
import { FILL_MESSAGE_TYPE } from '../../messages/fill-message.ts';
import { readDomainParam } from '../../popup/domain-param.ts';
import { PopupApp } from '../../popup/popup-app.tsx';

const resolver = createDohResolver({ fetch: (input, init) => fetch(input, init) });
const domain = readDomainParam(location.search);

async function fillOnActiveTab(record: DnsRecord): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return;
  await browser.tabs.sendMessage(tab.id, { type: FILL_MESSAGE_TYPE, record, ...(domain ? { zone: domain } : {}) });
}

const root = document.getElementById('app');
if (root) {
  render(
    <PopupApp
      domain={domain}
      loadReport={(name) => checkDomain(name, {}, resolver)}
      onCopy={(text) => void navigator.clipboard.writeText(text)}
      onFill={(record) => void fillOnActiveTab(record)}
    />,
    root,
  );
}
