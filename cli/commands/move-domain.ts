// `mailgate move-domain DOMAIN --to BINDING --url URL --token TOKEN`: moves a domain's data to another D1 database
// through `POST /api/domains/:name/move`, one bounded step per request until it is done (or, with --dry-run, prints
// what would move). Cut short, the same command resumes where the gateway's directory says the move stands.
import { parseArgs } from 'node:util';
import type { DomainMoveJson } from '../../shared/api/domain-move.ts';
import type { CliCommand } from '../commands.ts';
import { EXIT_OK, EXIT_SOME_INPUT_FAILED, UsageError, errorMessage, printHuman, printJsonLine } from '../io.ts';
import { DEFAULT_WORKER_URL } from './send.ts';

/** A step refused for a while (503: the gateway busy, or the network): tried again this many times, this far apart. */
const TRANSIENT_RETRIES = 5;
const TRANSIENT_WAIT_MS = 2_000;

type StepAnswer = { ok: true; step: DomainMoveJson } | { ok: false; status: number; error: string };

async function postStep(endpoint: URL, token: string, body: Record<string, unknown>): Promise<StepAnswer> {
  for (let attempt = 0; ; attempt += 1) {
    let response: Response | null = null;
    let problem: string;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await response.json().catch(() => null)) as
        | (DomainMoveJson & { error?: { message?: string } })
        | null;
      if (response.ok && answer) return { ok: true, step: answer };
      problem = answer?.error?.message ?? `the gateway answered ${response.status}`;
      if (response.status < 500) return { ok: false, status: response.status, error: problem };
    } catch (error) {
      problem = `cannot reach ${endpoint.origin}: ${errorMessage(error)}`;
    }
    if (attempt >= TRANSIENT_RETRIES) return { ok: false, status: response?.status ?? 0, error: problem };
    printHuman(`${problem}; trying again in ${TRANSIENT_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, TRANSIENT_WAIT_MS));
  }
}

export const command: CliCommand = {
  summary:
    "Move a domain's data to another D1 binding (POST /api/domains/:name/move), step by step: a JSON line per step.",
  usage:
    'mailgate move-domain DOMAIN --to BINDING --url URL --token ADMIN_TOKEN [--dry-run] [--max-queries N] [--max-steps N]',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        to: { type: 'string' },
        url: { type: 'string' },
        token: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'max-queries': { type: 'string' },
        'max-steps': { type: 'string', default: '10000' },
      },
    });
    const [domain, ...extra] = positionals;
    if (!domain || extra.length > 0) throw new UsageError('exactly one DOMAIN is needed');
    if (!values.to)
      throw new UsageError('--to BINDING is required (a D1 binding listed in MAILGATE_DATA_BINDINGS, or DB)');
    if (!values.token) throw new UsageError('--token TOKEN is required (an installation-wide admin token)');
    const maxSteps = Number(values['max-steps']);
    if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new UsageError('--max-steps: a whole number, at least 1');
    const maxQueries = values['max-queries'] === undefined ? undefined : Number(values['max-queries']);
    if (maxQueries !== undefined && !Number.isInteger(maxQueries))
      throw new UsageError('--max-queries: a whole number (50 to 900)');

    const endpoint = new URL(`/api/domains/${encodeURIComponent(domain)}/move`, values.url ?? DEFAULT_WORKER_URL);
    const body = {
      to: values.to,
      ...(values['dry-run'] ? { dryRun: true } : {}),
      ...(maxQueries === undefined ? {} : { maxQueries }),
    };
    for (let steps = 0; steps < maxSteps; steps += 1) {
      const answer = await postStep(endpoint, values.token, body);
      if (!answer.ok) {
        printJsonLine({ domain, to: values.to, status: answer.status, error: answer.error });
        return EXIT_SOME_INPUT_FAILED;
      }
      printJsonLine(answer.step);
      const { state } = answer.step;
      if (state === 'planned' || state === 'done') {
        printHuman(state === 'done' ? `${domain} now lives in ${values.to}` : `dry run: nothing was changed`);
        return EXIT_OK;
      }
      printHuman(`${domain}: ${state} (${answer.step.queries} queries this step)`);
    }
    printHuman(`${domain}: not done after ${maxSteps} steps; run the same command again to resume`);
    return EXIT_SOME_INPUT_FAILED;
  },
};
