CREATE TABLE `daily_counts` (
	`scope` text NOT NULL,
	`day` integer NOT NULL,
	`counter` text NOT NULL,
	`value` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`scope`, `day`, `counter`)
);
--> statement-breakpoint
CREATE TABLE `domain_placements` (
	`domain_name` text PRIMARY KEY NOT NULL,
	`binding` text NOT NULL,
	`state` text DEFAULT 'active' NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `messages_thread`;--> statement-breakpoint
CREATE INDEX `messages_thread_created` ON `messages` (`thread_id`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `suppressions_domain_suppressed`;--> statement-breakpoint
CREATE INDEX `suppressions_domain_suppressed_address` ON `suppressions` (`domain_id`,`suppressed_at`,`address`);--> statement-breakpoint
CREATE INDEX `suppressions_suppressed` ON `suppressions` (`suppressed_at`,`domain_id`,`address`);--> statement-breakpoint
DROP INDEX `threads_last_message`;--> statement-breakpoint
ALTER TABLE `threads` ADD `activity_at` integer GENERATED ALWAYS AS (coalesce(last_message_at, 0)) VIRTUAL NOT NULL;--> statement-breakpoint
CREATE INDEX `threads_domain_activity` ON `threads` (`domain_id`,`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `threads_activity` ON `threads` (`activity_at`,`id`);--> statement-breakpoint
CREATE INDEX `inbound_domain_id` ON `inbound_emails` (`domain_id`,`id`);--> statement-breakpoint
CREATE INDEX `inbound_status_id` ON `inbound_emails` (`status`,`id`);