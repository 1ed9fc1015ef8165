-- Demo data for local development (`npm start`): idempotent, safe to run on every start.
INSERT OR IGNORE INTO domains (id, name, catchall, bounce)
VALUES ('dom_demo_example_com', 'example.com', 'catchall', 'bounce');

INSERT OR IGNORE INTO aliases (id, domain_id, local_part, action, model, policy, defaults)
VALUES ('ali_demo_sales', 'dom_demo_example_com', 'sales', 'record', 'crm.lead', 'everyone', '{"team":"Sales"}');
