// The popup's root component: a header and the domain being checked.
export type PopupAppProps = { domain: string | null };

export function PopupApp({ domain }: PopupAppProps) {
  return (
    <main class="mailgate-popup">
      <header>
        <h1>mailgate</h1>
        <p data-testid="domain">{domain ?? 'No domain selected'}</p>
      </header>
    </main>
  );
}
