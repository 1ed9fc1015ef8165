// Threads view: the list, the search (`q`), paging; and one thread with its messages, inert HTML and attachments.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildMessageDocument } from './message-frame.tsx';
import { createFakeClient } from './testing/fake-client.ts';
import { threadDetail } from './testing/fixtures.ts';
import { ThreadView } from './thread-view.tsx';
import { ThreadsView } from './threads-view.tsx';

afterEach(cleanup);

const summary = (id: string, subject: string, messageCount = 1) => ({
  id,
  subject,
  record: null,
  messageCount,
  lastMessageAt: '2026-11-21T10:40:00.000Z',
  createdAt: '2026-11-21T08:00:00.000Z',
});

describe('ThreadsView', () => {
  it('lists threads, searches with q and loads the next page', async () => {
    const client = createFakeClient({
      listThreads: async (query = {}) =>
        query.q
          ? { items: [summary('thr_2', 'Re: chairs')], nextCursor: null }
          : query.before
            ? { items: [summary('thr_0', 'Older')], nextCursor: null }
            : { items: [summary('thr_1', 'Quote for 40 office chairs', 2)], nextCursor: 'thr_1' },
    });
    render(<ThreadsView client={client} />);
    const link = await screen.findByRole('link', { name: 'Quote for 40 office chairs' });
    expect(link.getAttribute('href')).toBe('#/threads/thr_1');
    expect(link.closest('tr')!.textContent).toContain('2026-11-21 10:40 UTC');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Older' })).toBeTruthy();
    expect(client.listThreads).toHaveBeenLastCalledWith({ before: 'thr_1' });

    fireEvent.input(screen.getByLabelText('Search subject or participant'), {
      target: { value: '  ann@customer.example ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByRole('link', { name: 'Re: chairs' })).toBeTruthy();
    expect(client.listThreads).toHaveBeenLastCalledWith({ q: 'ann@customer.example' });
    expect(screen.queryByRole('link', { name: 'Older' })).toBeNull();
  });

  it('says when nothing matches', async () => {
    const client = createFakeClient({ listThreads: async () => ({ items: [], nextCursor: null }) });
    render(<ThreadsView client={client} />);
    await screen.findByText('No thread yet.');
    fireEvent.input(screen.getByLabelText('Search subject or participant'), { target: { value: 'nothing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('No thread matches “nothing”.')).toBeTruthy();
  });
});

describe('ThreadView', () => {
  it("shows each message's sender, date and text, and mail HTML only inside the sandboxed frame", async () => {
    const detail = threadDetail();
    const client = createFakeClient({ getThread: async () => detail });
    const { container } = render(<ThreadView client={client} threadId="thr_1" />);
    expect(await screen.findByRole('heading', { name: 'Quote for 40 office chairs' })).toBeTruthy();
    expect(client.getThread).toHaveBeenCalledWith('thr_1');

    const first = screen.getByRole('article', { name: 'Message from Ann Customer <ann@customer.example>' });
    expect(within(first).getByText('Could you send us a quote?').tagName).toBe('PRE');
    expect(first.textContent).toContain('received 2026-11-21 08:12 UTC');
    expect(within(first).getByText('authenticated').className).toBe('badge badge-ok');
    expect(first.querySelector('iframe')).toBeNull();

    const second = screen.getByRole('article', { name: 'Message from ann@customer.example' });
    const frame = second.querySelector('iframe')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe(buildMessageDocument(detail.messages[1]!.html!));
    // The mail's markup never enters the console's own document.
    expect(container.querySelector('script, img, b')).toBeNull();
    expect(document.title).not.toBe('owned');
    expect(second.textContent).toContain('Delivery to Lyon is fine.\n> older text');
    expect(within(second).getByText('not authenticated').className).toBe('badge badge-warn');
    // Only a reply offers its text without quotes; the first message has none to remove.
    expect(within(second).getByText('New text of this reply (quotes and signature removed)')).toBeTruthy();
    expect(within(first).queryByText(/New text of this reply/)).toBeNull();
  });

  it('downloads an attachment with the client and saves it under its name', async () => {
    const bytes = new Blob([new Uint8Array([1, 2, 3])]);
    const client = createFakeClient({ getThread: async () => threadDetail(), downloadAttachment: async () => bytes });
    const save = vi.fn();
    render(<ThreadView client={client} threadId="thr_1" save={save} />);
    const link = await screen.findByRole('link', { name: 'plan.pdf' });
    expect(link.getAttribute('href')).toBe('https://gateway.test/api/attachments/att_1');
    expect(link.closest('li')!.textContent).toContain('application/pdf, 2.0 KiB');
    fireEvent.click(link);
    await waitFor(() => expect(save).toHaveBeenCalledWith(bytes, 'plan.pdf'));
    expect(client.downloadAttachment).toHaveBeenCalledWith('/api/attachments/att_1');
    expect(await screen.findByText('Downloaded plan.pdf.')).toBeTruthy();
  });

  it('says when the thread does not exist', async () => {
    const client = createFakeClient({
      getThread: async () => {
        throw new Error('thread was not found (GET /api/threads/thr_x: 404 not_found)');
      },
    });
    render(<ThreadView client={client} threadId="thr_x" />);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not load the thread: thread was not found');
  });
});
