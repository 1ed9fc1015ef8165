// The slice of the WebExtension tabs API the e2e tests call inside extension pages (`chrome.*` / `browser.*`).

export type TabsApi = {
  tabs: {
    query(filter: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
};
