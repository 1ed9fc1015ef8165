// Stand-in for undici, which mailauth imports only for BIMI logo fetches: mailgate always passes `disableBimi`.

/** mailauth builds an Agent when its BIMI module loads, so constructing one must work; it is never used. */
export class Agent {
  readonly options: unknown;
  constructor(options?: unknown) {
    this.options = options;
  }
}

export function fetch(): never {
  throw new Error('undici is not bundled in mailgate: BIMI is disabled (pass disableBimi to mailauth)');
}

export default { fetch, Agent };
