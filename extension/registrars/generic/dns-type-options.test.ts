// Record-type choosers are known by their options, however the panel words them.
import { describe, expect, it } from 'vitest';
import { findRecordTypeWords, isRecordTypeList, readRecordTypeName, readRecordTypeOption } from './dns-type-options.ts';

describe('record type options', () => {
  it('reads the type an option names, with or without a description', () => {
    expect(readRecordTypeOption('TXT')).toBe('TXT');
    expect(readRecordTypeOption('TXT Record')).toBe('TXT');
    expect(readRecordTypeOption('MX - Mail exchange record')).toBe('MX');
    expect(readRecordTypeOption('CNAME – Routes traffic to another domain name')).toBe('CNAME');
    expect(readRecordTypeOption('TXT Informations textuelles (SPF, vérifications…)')).toBe('TXT');
    expect(readRecordTypeOption('AAAA')).toBe('AAAA');
  });

  it('does not take words or durations for types', () => {
    for (const text of ['Add record', 'a', 'Auto', '1 hr', 'Text', 'Choose…', 'Record kind', '']) {
      expect(readRecordTypeOption(text), text).toBeNull();
    }
  });

  it('tells a type chooser by its options, a placeholder first or not', () => {
    expect(isRecordTypeList(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'CAA'])).toBe(true);
    expect(isRecordTypeList(['Select type', 'A Record', 'TXT Record', 'MX Record'])).toBe(true);
    expect(isRecordTypeList(['TXT', 'CNAME'])).toBe(true);
    expect(isRecordTypeList(['300', '3600', '86400'])).toBe(false);
    expect(isRecordTypeList(['A', 'Default (86400)', 'Add record'])).toBe(false);
  });

  it('finds the type a section title names', () => {
    expect(findRecordTypeWords('Aggiungi Record TXT')).toEqual(['TXT']);
    expect(findRecordTypeWords('TXT- und CNAME-Records verwalten')).toEqual(['TXT', 'CNAME']);
    expect(findRecordTypeWords('DNS management for example.com')).toEqual([]);
  });

  it('reads the type an item of a type list names, in words or in parentheses', () => {
    expect(readRecordTypeName('TXT Text for SPF and DKIM')).toBe('TXT');
    expect(readRecordTypeName('Text (TXT)')).toBe('TXT');
    expect(readRecordTypeName('Mail Server')).toBe('MX');
    expect(readRecordTypeName('Mailserver (2)')).toBe('MX');
    expect(readRecordTypeName('Namens-Alias')).toBe('CNAME');
    expect(readRecordTypeName('Texte')).toBe('TXT');
    expect(readRecordTypeName('Почтовый сервер')).toBe('MX');
    expect(readRecordTypeName('IPv6 address records')).toBe('AAAA');
    for (const text of ['Add record', 'Settings', 'Text message to support', 'Delete', ''])
      expect(readRecordTypeName(text), text).toBeNull();
  });
});
