// A V8 CPU profile of the worker under `wrangler dev`, taken over its inspector (Chrome DevTools protocol), and the
// self time it shows per source file: where a benchmark's worker CPU goes.

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type InspectorProfiler = { stop(): Promise<CpuProfile> };

/** Starts sampling the worker's isolate; `stop()` returns the profile. */
export async function startInspectorProfile(inspectorPort: number): Promise<InspectorProfiler> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error('the worker has no inspector target');
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', reject, { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 200 });
  await call('Profiler.start');
  return {
    async stop() {
      const { profile } = (await call('Profiler.stop')) as { profile: CpuProfile };
      socket.close();
      return profile;
    },
  };
}

/** Self time (ms) per source file, then per function, largest first. */
export function summarizeProfile(profile: CpuProfile, top = 25): { files: [string, number][]; functions: [string, number][] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const files = new Map<string, number>();
  const functions = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const file = node.callFrame.url.replace(/^.*\/(node_modules\/|worker\/|shared\/)/, '$1') || `(${node.callFrame.functionName || 'native'})`;
    files.set(file, (files.get(file) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, ms]) => [key, Math.round(ms)] as [string, number]);
  return { files: sorted(files), functions: sorted(functions) };
}
