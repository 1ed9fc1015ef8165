// The popup renders its header and the domain it was opened for.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { readDomainParam } from './domain-param.ts';
import { PopupApp } from './popup-app.tsx';

afterEach(cleanup);

describe('PopupApp', () => {
  it('shows the header and the domain from ?domain=', () => {
    render(<PopupApp domain={readDomainParam('?domain=Example.COM.')} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('mailgate');
    expect(screen.getByTestId('domain').textContent).toBe('example.com');
  });

  it('says so when no domain is given', () => {
    render(<PopupApp domain={readDomainParam('?domain=not a domain')} />);
    expect(screen.getByTestId('domain').textContent).toBe('No domain selected');
  });
});
