// Linear time: CPU ms per MB of html-to-text and sanitizing at 1, 2, 4 and 8 MB of real, realistic and hostile HTML.
import { ADVERSARIAL_HTML, REALISTIC_HTML } from '../../worker/html/fixtures/html-inputs.ts';
import { sanitizeHtml } from '../../worker/html/sanitize.ts';
import { convertHtmlToText } from '../../worker/html/to-text.ts';
import { MB, measureCpuMs, median } from './common.ts';

export function benchLinear(corpusDocuments: string[]): void {
  console.log(
    '\n== Linear time: CPU ms per MB (median of 3) at 1, 2, 4 and 8 MB; a quadratic stage would double per step',
  );
  const corpusText = corpusDocuments.join('\n');
  const shapes = [
    {
      name: 'real mail HTML (corpora, repeated)',
      build: (bytes: number) => corpusText.repeat(Math.max(1, Math.round(bytes / corpusText.length))),
    },
    REALISTIC_HTML,
    ...ADVERSARIAL_HTML,
  ];
  const stages: [string, (html: string) => unknown][] = [
    ['html-to-text', convertHtmlToText],
    ['sanitize', (html) => sanitizeHtml(html)],
  ];
  console.log(
    `  ${'input'.padEnd(36)} ${'stage'.padEnd(13)} ${['1 MB', '2 MB', '4 MB', '8 MB'].map((size) => size.padStart(8)).join('')}   2 MB took`,
  );
  for (const shape of shapes) {
    for (const [stageName, stage] of stages) {
      const figures = [1, 2, 4, 8].map((megabytes) => {
        const html = shape.build(megabytes * MB);
        stage(html);
        const cpuMs = median([0, 1, 2].map(() => measureCpuMs(() => stage(html))));
        return { perMb: cpuMs / (html.length / MB), cpuMs, megabytes };
      });
      const twoMb = figures.find((figure) => figure.megabytes === 2)!.cpuMs;
      console.log(
        `  ${shape.name.padEnd(36)} ${stageName.padEnd(13)} ${figures.map(({ perMb }) => perMb.toFixed(1).padStart(8)).join('')}   ${twoMb.toFixed(0)} ms`,
      );
    }
  }
}
