-- Gives the rows of the installation-wide era their tenant (runs after the tenancy migration).
-- 1. A suppression used to hold for every domain: it keeps holding for each of them (never mail an address that
--    bounced or complained, whichever domain's ERP asks).
INSERT OR IGNORE INTO suppressions
  (domain_id, address, suppressed_at, reason, source, bounce_count, first_bounce_at, last_bounce_at, complained, updated_at)
SELECT domains.id, old.address, old.suppressed_at, old.reason, old.source, old.bounce_count, old.first_bounce_at,
       old.last_bounce_at, old.complained, old.updated_at
FROM suppressions_before_tenancy AS old CROSS JOIN domains;
DROP TABLE suppressions_before_tenancy;
-- 2. Bounce rows belong to the domain of the inbound message that carried them.
UPDATE bounces SET domain_id = (SELECT inbound_emails.domain_id FROM inbound_emails WHERE inbound_emails.id = bounces.inbound_id)
WHERE domain_id IS NULL AND inbound_id IS NOT NULL;
-- 3. An Odoo target serves the aliases of one domain: a target without a domain gets the one domain of the aliases
--    that use it (or the installation's only domain); any other stays without, and an alias can no longer use it.
UPDATE odoo_targets SET domain_id = coalesce(
  (SELECT min(aliases.domain_id) FROM aliases WHERE aliases.odoo_target_id = odoo_targets.id
   HAVING count(DISTINCT aliases.domain_id) = 1),
  (SELECT min(domains.id) FROM domains HAVING count(*) = 1))
WHERE domain_id IS NULL;
