// Stand-in for undici, which mailauth imports only for BIMI logo fetches: mailgate always passes `disableBimi`.
function refuse(): never {
  throw new Error('undici is not bundled in mailgate: BIMI is disabled (pass disableBimi to mailauth)');
}

export const fetch = refuse;
export class Agent {
  constructor() {
    refuse();
  }
}
export default { fetch, Agent };
