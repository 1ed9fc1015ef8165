import { describe, expect, it } from 'vitest';
import { runSpfCheckLine } from './spf-check.ts';

const zone = {
  'example.com': [{ SPF: 'v=spf1 ip4:192.0.2.0/24 -all exp=why.example.com' }],
  'why.example.com': [{ TXT: '%{i} may not send for %{d}' }],
};

describe('spf-check line', () => {
  it('answers {result} and the explanation of a fail', async () => {
    expect(
      await runSpfCheckLine(JSON.stringify({ zone, ip: '192.0.2.5', sender: 'a@example.com', helo: 'h.example.net' })),
    ).toEqual({
      result: 'pass',
    });
    expect(
      await runSpfCheckLine(
        JSON.stringify({ zone, ip: '198.51.100.1', sender: 'a@example.com', helo: 'h.example.net' }),
      ),
    ).toEqual({
      result: 'fail',
      explanation: '198.51.100.1 may not send for example.com',
    });
  });

  it('reports unreadable input as an error line', async () => {
    expect(await runSpfCheckLine('{not json')).toHaveProperty('error');
    expect(await runSpfCheckLine(JSON.stringify({ zone, sender: 'a@example.com' }))).toEqual({
      error: '"ip" must be a string',
    });
  });
});
