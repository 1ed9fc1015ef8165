// The same candidates inside workerd (a `wrangler dev` of bench/html-workerd.ts), timed from outside.
import { startBenchWorker } from '../workerd-dev.ts';
import { MB, median, outDir } from './common.ts';

const WORKERD_PORT = Number(process.env.PORT ?? 8803);
/** Passes over the documents per request inside workerd, so that the work outweighs the request's own noise. */
const WORKERD_ROUNDS = 5;

/**
 * Time inside workerd, measured from outside (workerd's clocks stand still while JavaScript runs): the median wall
 * time of one pass over the documents, minus that of a pass that does nothing.
 */
export async function benchWorkerd(documents: string[], bytes: number): Promise<void> {
  console.log(
    `\n== Inside workerd (wrangler dev, port ${WORKERD_PORT}): wall ms per MB of the same HTML (median of 9 requests of ${WORKERD_ROUNDS} passes, minus an empty request)`,
  );
  const { stop } = await startBenchWorker(
    { name: 'mailgate-html-bench', main: 'bench/html-workerd.ts', port: WORKERD_PORT, outDir },
    '/run?candidate=noop',
  );
  try {
    const base = `http://127.0.0.1:${WORKERD_PORT}`;
    await fetch(`${base}/load`, { method: 'POST', body: JSON.stringify(documents) });
    const timeRequest = async (candidate: string, rounds: number): Promise<number> => {
      const start = performance.now();
      const response = await fetch(`${base}/run?candidate=${candidate}&rounds=${rounds}`);
      await response.text();
      if (!response.ok) throw new Error(`${candidate}: ${response.status}`);
      return performance.now() - start;
    };
    /** HTMLRewriter's handlers are slow enough here that one pass per request, three requests, is all that fits. */
    const measurePerMb = async (candidate: string): Promise<number> => {
      const slow = candidate.startsWith('htmlrewriter') && candidate !== 'htmlrewriter-no-handlers';
      const [rounds, requests] = slow ? [1, 3] : [WORKERD_ROUNDS, 9];
      const empty = median(await Promise.all([0, 1, 2].map(() => timeRequest('noop', rounds))));
      await timeRequest(candidate, rounds);
      const times: number[] = [];
      for (let request = 0; request < requests; request++) times.push(await timeRequest(candidate, rounds));
      return Math.max(0, median(times) - empty) / ((rounds * bytes) / MB);
    };
    for (const candidate of [
      'htmlrewriter-no-handlers',
      'htmlrewriter-elements',
      'htmlrewriter-element-text',
      'htmlrewriter',
      'htmlparser2-tokenizer',
      'toolkit-tokenizer',
      'toolkit-html-to-text',
      'toolkit-sanitize',
    ]) {
      console.log(`  ${candidate.padEnd(52)} ${(await measurePerMb(candidate)).toFixed(1).padStart(9)} ms/MB`);
    }
  } finally {
    stop();
  }
}
