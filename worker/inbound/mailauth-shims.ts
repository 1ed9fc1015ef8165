// Makes mailauth's RSA signatures work in workerd: maps DKIM's `a=` names to the digest names workerd accepts.
import nodeCrypto from 'node:crypto';

/**
 * mailauth hands the DKIM `a=` tag value (RFC 6376 3.5) straight to `crypto.verify`/`crypto.sign` as the digest
 * name. Node accepts `rsa-sha256`; workerd's node:crypto rejects it, so every RSA DKIM and ARC signature would come
 * out neutral/fail. The digest is all that argument means (RSASSA-PKCS1-v1_5 follows from the key).
 */
const DIGEST_FOR_DKIM_ALGORITHM: Record<string, string> = {
  'rsa-sha256': 'sha256',
  'rsa-sha1': 'sha1',
};

type CryptoModule = {
  verify: (algorithm: string | null | undefined, ...rest: unknown[]) => unknown;
  sign: (algorithm: string | null | undefined, ...rest: unknown[]) => unknown;
};

const SHIMMED = Symbol.for('mailgate.mailauth-crypto-shim');

function toDigestName(algorithm: string | null | undefined): string | null | undefined {
  if (typeof algorithm !== 'string') return algorithm;
  return DIGEST_FOR_DKIM_ALGORITHM[algorithm.toLowerCase()] ?? algorithm;
}

/** Patches the shared node:crypto module once per isolate (the tests and the worker share one isolate). */
export function installMailauthShims(): void {
  const cryptoModule = nodeCrypto as unknown as CryptoModule & { [SHIMMED]?: true };
  if (cryptoModule[SHIMMED]) return;
  const originalVerify = cryptoModule.verify.bind(cryptoModule);
  const originalSign = cryptoModule.sign.bind(cryptoModule);
  cryptoModule.verify = (algorithm, ...rest) => originalVerify(toDigestName(algorithm), ...rest);
  cryptoModule.sign = (algorithm, ...rest) => originalSign(toDigestName(algorithm), ...rest);
  cryptoModule[SHIMMED] = true;
}
