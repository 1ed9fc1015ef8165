// Tests of the delivery target rule: public https hosts only, unless the development setting says otherwise.
import { describe, expect, it } from 'vitest';
import { checkTargetUrl, readTargetUrlPolicy, STRICT_TARGET_POLICY } from './target-url.ts';

const refusal = (url: string) => {
  const check = checkTargetUrl(url, STRICT_TARGET_POLICY);
  return check.ok ? null : check.reason;
};

describe('checkTargetUrl', () => {
  it.each([
    'https://erp.example.com/mailgate',
    'https://erp.example.com:8443/hooks?x=1',
    'https://8.8.8.8/hook',
    'https://[2606:4700:4700::1111]/hook',
    'https://xn--bcher-kva.example/hook',
  ])('accepts the public https target %s', (url) => {
    expect(checkTargetUrl(url, STRICT_TARGET_POLICY)).toEqual({ ok: true });
  });

  it.each([
    ['https://127.0.0.1/', /loopback/],
    ['https://127.9.9.9:8443/', /loopback/],
    ['https://169.254.169.254/latest/meta-data/', /link-local/],
    ['https://10.1.2.3/', /private address \(10\.0\.0\.0\/8\)/],
    ['https://172.31.255.1/', /private address \(172\.16\.0\.0\/12\)/],
    ['https://192.168.1.1/', /private/],
    ['https://100.64.0.1/', /carrier-grade NAT/],
    ['https://0.0.0.0/', /this network/],
    ['https://224.0.0.1/', /multicast/],
    ['https://255.255.255.255/', /reserved/],
    ['https://[::1]/', /loopback/],
    ['https://[::]/', /unspecified/],
    ['https://[fe80::1]/', /link-local IPv6/],
    ['https://[fd12:3456::1]/', /unique-local/],
    ['https://[::ffff:169.254.169.254]/', /IPv4-mapped/],
    ['https://[64:ff9b::a9fe:a9fe]/', /NAT64/],
    ['https://2130706433/', /numeric shorthand .*127\.0\.0\.1/],
    ['https://0x7f000001/', /numeric shorthand/],
    ['https://0177.0.0.1/', /numeric shorthand/],
    ['https://127.1/', /numeric shorthand/],
    ['https://134744072/', /numeric shorthand .*8\.8\.8\.8/],
    ['https://localhost/', /localhost/],
    ['https://LOCALHOST./', /localhost/],
    ['https://api.localhost/', /localhost/],
    ['https://metadata.google.internal/', /local-only/],
    ['https://intranet/', /single-label/],
    ['https://user:pass@127.0.0.1:9/', /loopback/],
    ['http://erp.example.com/', /https/],
    ['ftp://erp.example.com/', /use https/],
    ['not a url', /not a URL/],
  ])('refuses %s', (url, reason) => {
    expect(refusal(url)).toMatch(reason);
  });

  it('names the setting that relaxes the rule', () => {
    expect(refusal('https://127.0.0.1/')).toContain('MAILGATE_ALLOW_PRIVATE_TARGETS=true');
  });

  it('lets development reach internal hosts over plain http when MAILGATE_ALLOW_PRIVATE_TARGETS is true', () => {
    const development = readTargetUrlPolicy('true');
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost:3000/', 'https://2130706433/']) {
      expect(checkTargetUrl(url, development)).toEqual({ ok: true });
    }
    expect(checkTargetUrl('ftp://127.0.0.1/', development).ok).toBe(false);
  });

  it('relaxes nothing for any other value', () => {
    for (const value of [undefined, '', 'false', '1', 'yes', 'TRUE ']) {
      expect(readTargetUrlPolicy(value).allowPrivateTargets).toBe(value === 'TRUE ');
    }
  });
});
