// The worker `npm run bench:cpu -- --workerd` runs under wrangler dev: a message is loaded, then each stage runs, a
// given number of times, on a request of its own, so that the CPU workerd's threads spend on it can be read from
// outside (workerd's clocks stand still while JavaScript runs, so nothing inside can time it).
import { STAGES, startMessage, type MessageState } from './stages.ts';

let state: MessageState | null = null;

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/load') {
      const envelope = { from: url.searchParams.get('from') ?? '', to: url.searchParams.get('to') ?? '' };
      state = startMessage(new Uint8Array(await request.arrayBuffer()), envelope);
      // One untimed pass makes each stage's inputs and warms the JIT on this message.
      for (const stage of STAGES) stage.keep?.(state, await stage.run(state));
      // Whether the bytes are mail at all (the later stages skip what is not).
      return new Response(state.mail ? 'mail' : 'not mail');
    }
    if (url.pathname === '/stage') {
      const name = url.searchParams.get('name');
      // The empty request: what a request costs the process before any stage runs.
      if (name === 'none') return new Response('none');
      const stage = STAGES.find((candidate) => candidate.name === name);
      if (!stage || !state) return new Response(`no stage ${name} or no message loaded`, { status: 400 });
      const rounds = Number(url.searchParams.get('rounds') ?? 1);
      for (let round = 0; round < rounds; round++) await stage.run(state);
      return new Response('ran');
    }
    return new Response('not found', { status: 404 });
  },
};
