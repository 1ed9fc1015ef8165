CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`domain_id` text,
	`key` text NOT NULL,
	`message` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`raised_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_open_key` ON `alerts` (`key`) WHERE resolved_at IS NULL;--> statement-breakpoint
CREATE INDEX `alerts_raised` ON `alerts` (`raised_at`);--> statement-breakpoint
CREATE TABLE `probe_runs` (
	`name` text PRIMARY KEY NOT NULL,
	`last_run_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `trusted_relay` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `domains` ADD `silence_alert_minutes` integer;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `source` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `trust_received` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `import_mode` text;--> statement-breakpoint
CREATE INDEX `inbound_domain_created` ON `inbound_emails` (`domain_id`,`created_at`);