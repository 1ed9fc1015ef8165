// Test data: how a person who knows each held-out product fills its form, as a list of steps (press, type, pick, key)
// that the unit tests replay with DOM events and the e2e tests with a real browser's mouse and keyboard — no adapter.
// If a page and its answer key disagree, this is where it shows.
import type { RecordToFill } from '../registrar-adapter.ts';
import { quoteTxt } from '../../../shared/dns/txt.ts';

/**
 * One thing a person does. `press` clicks the element a selector names (the first whose text starts with `text`, when
 * given); `type` replaces a field's text; `pick` chooses a native select's option by value; `key` presses a key in a
 * field. `frame` names the same-origin iframe the selector is looked up in.
 */
export type PersonStep =
  | { press: string; text?: string; frame?: string }
  | { type: string; text: string; frame?: string }
  | { pick: string; value: string; frame?: string }
  | { key: string; in: string; frame?: string };

type PersonPlan = (record: RecordToFill, zone: string) => PersonStep[];

/** The record's name relative to the zone, the apex written as the product wants it. */
function relativeName(record: RecordToFill, zone: string, apex: string): string {
  return record.name === zone ? apex : record.name.slice(0, -(zone.length + 1));
}

const lower = (record: RecordToFill) => record.type.toLowerCase();
const priorityStep = (record: RecordToFill, selector: string, frame?: string): PersonStep[] =>
  record.type === 'MX' ? [{ type: selector, text: String(record.priority), ...(frame ? { frame } : {}) }] : [];

/** A record's data as a zone-file editor takes it when TXT goes as typed: targets with the final dot, MX as "10 host.". */
function zoneFileData(record: RecordToFill): string {
  if (record.type === 'TXT') return record.value;
  return record.type === 'MX' ? `${record.priority} ${record.value}.` : `${record.value}.`;
}

/** The documented way to fill each held-out product's form. */
export const personPlans: Record<string, PersonPlan> = {
  // The TTL already reads 1 Hours.
  'azure-dns': (record, zone) => [
    { press: '#az-add-recordset' },
    { type: '#az-name', text: relativeName(record, zone, '@') },
    { press: '#az-type' },
    { press: '[role=listbox] [role=option]', text: `${record.type} –` },
    { type: `#az-value-${lower(record)}`, text: record.value },
    ...priorityStep(record, '#az-mx-preference'),
  ],
  netlify: (record, zone) => [
    { press: '#nl-add' },
    { press: '#nl-type-select .css-13cymwt-control' },
    { type: '#react-select-3-input', text: record.type },
    { key: 'Enter', in: '#react-select-3-input' },
    { type: '#nl-hostname', text: relativeName(record, zone, '') },
    { type: '#nl-value', text: record.value },
    { type: '#nl-ttl', text: '3600' },
    ...priorityStep(record, '#nl-priority'),
  ],
  infomaniak: (record, zone) => [
    { press: '#ik-add-entry' },
    { press: `.ik-type-card[data-ik-type="${record.type}"]` },
    { type: '#ik-step-form [name=source]', text: relativeName(record, zone, '') },
    { type: `#ik-step-form [name=${lower(record)}_value]`, text: record.value },
    { pick: '#ik-step-form [name=ttl]', value: '3600' },
    ...priorityStep(record, '#ik-step-form [name=priority]'),
  ],
  // The TTL already reads 3600.
  xserver: (record, zone) => [
    { press: 'ul.tabNav a', text: 'DNSレコード追加' },
    { type: '#xs-host', text: relativeName(record, zone, '') },
    { pick: '#xs-type', value: record.type },
    { type: '#xs-content', text: record.value },
    ...priorityStep(record, '#xs-priority'),
  ],
  'reg-ru': (record, zone) => [
    { press: '#rr-add .js-dropdown-toggle' },
    { press: '.b-dropdown__item', text: `${record.type} ` },
    { type: `#rr-popup-${lower(record)} [placeholder=Subdomain]`, text: relativeName(record, zone, '@') },
    {
      type: `#rr-popup-${lower(record)} textarea, #rr-popup-${lower(record)} input[name=mail_server], #rr-popup-${lower(record)} input[name=canonical_name]`,
      text: record.value,
    },
    ...priorityStep(record, '#rr-popup-mx [placeholder=Приоритет]'),
  ],
  // The TTL already reads 3600.
  'one-com': (record, zone) => [
    { press: '#oc-type button', text: record.type },
    { type: '[aria-label=Värdnamn]', text: relativeName(record, zone, '') },
    { type: `#oc-value-${lower(record)}`, text: record.value },
    ...priorityStep(record, '[aria-label=Prioritet]'),
  ],
  'powerdns-admin': (record, zone) => [
    { press: '.button_add_record' },
    { type: '#edit-row-focus', text: relativeName(record, zone, '@') },
    { pick: '#record_type', value: record.type },
    { pick: '#record_ttl', value: '3600' },
    {
      type: '#current_edit_record_data',
      text:
        record.type === 'TXT'
          ? quoteTxt(record.value)
          : record.type === 'MX'
            ? `${record.priority} ${record.value}.`
            : `${record.value}.`,
    },
  ],
  webmin: (record, zone) => {
    const frame = '#wm-content';
    const form = `#recs-${lower(record)} form`;
    return [
      { frame, press: `[data-wm-page="${lower(record)}"]` },
      { frame, type: `${form} [name=name]`, text: relativeName(record, zone, '') },
      { frame, press: `${form} input[name=ttl_def][value="0"]` },
      { frame, type: `${form} [name=ttl]`, text: '3600' },
      { frame, type: `#wm-${lower(record)}-value`, text: record.type === 'TXT' ? record.value : `${record.value}.` },
      ...priorityStep(record, '#wm-mx-priority', frame),
    ];
  },
  // Second held-out batch.
  linode: (record, zone) => [
    { press: '[data-lnd-drawer]', text: record.type === 'MX' ? 'Add an MX' : `Add a ${record.type}` },
    { type: `#lnd-${lower(record)}-name`, text: relativeName(record, zone, '') },
    { type: `#lnd-${lower(record)}-value`, text: record.value },
    ...priorityStep(record, '#lnd-mx-preference'),
    { press: `#lnd-${lower(record)}-ttl` },
    { press: '.MuiAutocomplete-option', text: '1 hour' },
  ],
  // A new row's TTL already reads 1 Hour.
  wix: (record, zone) => [
    { press: `[data-wx-section=${lower(record)}]` },
    { type: `#wx-new-${lower(record)} [data-hook=host-name-input]`, text: relativeName(record, zone, '') },
    ...priorityStep(record, '#wx-new-mx [data-hook=priority-input]'),
    { type: `#wx-new-${lower(record)} [data-hook=value-input]`, text: record.value },
  ],
  // The TTL already reads 3600; TXT quoted, hostnames with the final dot, as the form's checks ask.
  desec: (record, zone) => [
    { press: '#de-create' },
    { type: '#input-21', text: record.type },
    { key: 'Enter', in: '#input-21' },
    { type: '#input-24', text: relativeName(record, zone, '') },
    ...priorityStep(record, '#input-33'),
    {
      type: `[data-de-for=${lower(record)}] .v-input:last-child input`,
      text: record.type === 'TXT' ? quoteTxt(record.value) : `${record.value}.`,
    },
  ],
  plesk: (record, zone) => [
    { press: '#pl-add-record' },
    { pick: '#pl-type', value: record.type },
    { type: '#pl-host', text: relativeName(record, zone, '') },
    { type: `#pl-value-${lower(record)}`, text: record.value },
    ...(record.type === 'MX' ? [{ pick: '#pl-mx-priority', value: String(record.priority) }] : []),
  ],
  dnspod: (record, zone) => [
    { press: '#dp-add' },
    { type: '#dp-host', text: relativeName(record, zone, '@') },
    { press: '#dp-type .tea-dropdown__header' },
    { press: '.tea-list__item', text: record.type },
    { type: '#dp-value', text: record.value },
    ...priorityStep(record, '#dp-mx'),
    { type: '#dp-ttl', text: '3600' },
  ],
  'name-com': (record, zone) => [
    { pick: '#nc-type', value: record.type },
    { type: '#nc-host', text: relativeName(record, zone, '') },
    { type: '#nc-answer', text: record.value },
    { type: '#nc-ttl', text: '3600' },
    ...priorityStep(record, '#nc-priority'),
  ],
  // Third held-out batch. The add row at the table's foot; zone-file content, the MX priority in it.
  transip: (record, zone) => [
    { type: '#tp-new [name=name]', text: relativeName(record, zone, '@') },
    { pick: '#tp-new [name=expire]', value: '3600' },
    { pick: '#tp-new [name=type]', value: record.type },
    { type: '#tp-new [name=content]', text: zoneFileData(record) },
  ],
  // The apex is the listed "@"; any other name is a subdomain added first. The TTL already reads 3600.
  loopia: (record, zone) => [
    ...(record.name === zone
      ? [{ press: '.lp-subdomain-link', text: '@' }]
      : [
          { press: '#lp-add-subdomain' },
          { type: '#lp-new-subdomain', text: relativeName(record, zone, '') },
          { press: '#lp-subdomain-save' },
        ]),
    { press: '#lp-add-record' },
    { pick: '#lp-record-type', value: record.type },
    ...priorityStep(record, '#lp-record-priority'),
    { type: '#lp-record-value', text: record.value },
  ],
  gcore: (record, zone) => [
    { press: '#gc-add-record' },
    { press: '#gc-type .gc-select__control' },
    { press: '.gc-select__option', text: record.type },
    { type: '#gc-name', text: relativeName(record, zone, '') },
    { type: '#gc-ttl', text: '3600' },
    ...priorityStep(record, '#gc-mx-priority'),
    { type: `#gc-value-${lower(record)}`, text: record.value },
  ],
  gabia: (record, zone) => {
    const row = '#gb-records tr.gb-row-new:last-child';
    return [
      { press: '#gb-edit' },
      { press: '#gb-add-row' },
      { pick: `${row} [name=type]`, value: record.type },
      { type: `${row} [name=host]`, text: relativeName(record, zone, '@') },
      { type: `${row} [name=value]`, text: record.type === 'TXT' ? record.value : `${record.value}.` },
      { type: `${row} [name=ttl]`, text: '3600' },
      ...priorityStep(record, `${row} [name=priority]`),
    ];
  },
  rackspace: (record, zone) => [
    { press: '#rs-add-record' },
    { pick: '#rs-type', value: record.type },
    { type: '#rs-hostname', text: relativeName(record, zone, '') },
    { type: `#rs-value-${lower(record)}`, text: record.value },
    ...priorityStep(record, '#rs-priority'),
    { type: '#rs-ttl', text: '3600' },
  ],
  // Zone-file values; the TTL is set only once its box is ticked.
  sakura: (record, zone) => [
    { type: '#sk-entry', text: relativeName(record, zone, '@') },
    { pick: '#sk-type', value: record.type },
    { type: '#sk-value', text: zoneFileData(record) },
    { press: '#sk-ttl-enable' },
    { type: '#sk-ttl', text: '3600' },
  ],
};
