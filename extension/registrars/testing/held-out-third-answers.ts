// The answer keys of the third held-out batch: six more DNS editors rebuilt without reading the generic adapter or its
// profiles, where each field's state is read and what the product accepts there (sources in fixtures/README.md).
import { RECORD_KINDS } from './sample-records.ts';
import type { FixtureAnswer } from './score-fill.ts';

const SECONDS = ['3600'];

/** An editor that takes the apex as an empty name, TXT as typed, targets with or without the final dot. */
const EMPTY_APEX_EITHER_TARGET: FixtureAnswer['accepts'] = {
  apex: [''],
  names: ['relative'],
  txtShort: ['plain'],
  txtLong: ['plain'],
  target: ['as-is', 'absolute'],
  mxPriority: 'field',
  ttl3600: SECONDS,
};

export const thirdHeldOutAnswers: readonly FixtureAnswer[] = [
  {
    fixture: 'transip',
    style:
      'TransIP (Dutch, recalled): a records table edited in place, an add row at its foot; TTL a select of "1 uur" …; MX as "10 host." in the value',
    zone: 'example.nl',
    kinds: RECORD_KINDS,
    probes: {
      type: { selector: '#tp-new [name=type]' },
      name: { selector: '#tp-new [name=name]' },
      value: { selector: '#tp-new [name=content]' },
      ttl: { selector: '#tp-new [name=expire]' },
    },
    // The content is zone-file data: a host without a final dot is taken relative to the domain ("10 mail"), so a
    // target outside it needs the dot; the priority of an MX is part of the content.
    accepts: {
      apex: ['@'],
      names: ['relative'],
      txtShort: ['plain'],
      txtLong: ['plain'],
      target: ['absolute'],
      mxPriority: 'value',
      ttl3600: SECONDS,
    },
  },
  {
    fixture: 'loopia',
    style:
      'Loopia (Swedish, recalled): subdomains first ("Lägg till subdomän" for a new one), then that subdomain\'s "Lägg till post" dialog',
    zone: 'example.se',
    kinds: RECORD_KINDS,
    probes: {
      type: { selector: '#lp-record-type' },
      name: { selector: '#lp-record-subdomain' },
      value: { selector: '#lp-record-value' },
      ttl: { selector: '#lp-record-ttl' },
      priority: { selector: '#lp-record-priority' },
    },
    // The record belongs to the subdomain its form was opened from ("@" the domain itself); whether a target needs
    // the final dot is not documented, so either is taken.
    accepts: {
      apex: ['@'],
      names: ['relative'],
      txtShort: ['plain'],
      txtLong: ['plain'],
      target: ['as-is', 'absolute'],
      mxPriority: 'field',
      ttl3600: SECONDS,
    },
  },
  {
    fixture: 'gcore',
    style:
      'Gcore (recalled): "Add record set" dialog, the type a dropdown of plain divs (no select, no ARIA), MX priority and host apart',
    zone: 'example.net',
    kinds: RECORD_KINDS,
    probes: {
      type: { selector: '#gc-type' },
      name: { selector: '#gc-name' },
      value: { selector: '#gc-value-{type}' },
      ttl: { selector: '#gc-ttl' },
      priority: { selector: '#gc-mx-priority' },
    },
    accepts: EMPTY_APEX_EITHER_TARGET,
  },
  {
    fixture: 'gabia',
    style:
      'Gabia (Korean, recalled): "레코드 수정" turns the table into fields, "레코드 추가" appends a row built by script; 우선순위 disabled but for MX',
    zone: 'example.kr',
    kinds: RECORD_KINDS,
    probes: {
      type: { selector: '#gb-records tr.gb-row-new:last-child [name=type]' },
      name: { selector: '#gb-records tr.gb-row-new:last-child [name=host]' },
      value: { selector: '#gb-records tr.gb-row-new:last-child [name=value]' },
      ttl: { selector: '#gb-records tr.gb-row-new:last-child [name=ttl]' },
      priority: { selector: '#gb-records tr.gb-row-new:last-child [name=priority]' },
    },
    // The page asks for a final dot on domain values, as the mail providers' guides for Gabia write them.
    accepts: {
      apex: ['@'],
      names: ['relative'],
      txtShort: ['plain'],
      txtLong: ['plain'],
      target: ['absolute'],
      mxPriority: 'field',
      ttl3600: SECONDS,
    },
  },
  {
    fixture: 'rackspace',
    style:
      'Rackspace Cloud DNS (recalled): "Add Record" opens a popover whose rows follow the native type select; TXT in a textarea',
    zone: 'example.com',
    kinds: RECORD_KINDS,
    probes: {
      type: { selector: '#rs-type' },
      name: { selector: '#rs-hostname' },
      value: { selector: '#rs-value-{type}' },
      ttl: { selector: '#rs-ttl' },
      priority: { selector: '#rs-priority' },
    },
    // The API writes targets without a final dot; whether the panel refuses one is not documented, so either is taken.
    accepts: EMPTY_APEX_EITHER_TARGET,
  },
  {
    fixture: 'sakura',
    style:
      'Sakura Internet (Japanese, recalled): a zone form with types named by meaning ("テキスト (TXT)"), MX as "10 host." in the value, TTL behind a checkbox',
    zone: 'example.jp',
    kinds: RECORD_KINDS,
    probes: {
      type: { selector: '#sk-type' },
      name: { selector: '#sk-entry' },
      value: { selector: '#sk-value' },
      ttl: { selector: '#sk-ttl' },
    },
    // Zone-file semantics: a target without the final dot is relative to example.jp; a TXT value as typed or as
    // quoted strings (the zone is written as BIND reads it). The TTL counts only once "TTLの指定" is ticked.
    accepts: {
      apex: ['@'],
      names: ['relative'],
      txtShort: ['plain', 'quoted'],
      txtLong: ['plain', 'quoted'],
      target: ['absolute'],
      mxPriority: 'value',
      ttl3600: SECONDS,
    },
  },
];
