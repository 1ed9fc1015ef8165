ALTER TABLE `inbound_emails` ADD `attempts_before_replay` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `last_error` text;--> statement-breakpoint
CREATE INDEX `inbound_status_next_attempt` ON `inbound_emails` (`status`,`next_attempt_at`);