ALTER TABLE `api_tokens` ADD `trusted_relay` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `source` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `trust_received` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `import_mode` text;