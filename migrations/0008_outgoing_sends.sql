CREATE TABLE `outgoing_sends` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`message_row_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`payload_key` text NOT NULL,
	`response` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`sent_at` integer,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outgoing_sends_domain_key` ON `outgoing_sends` (`domain_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `send_counters` (
	`domain_id` text NOT NULL,
	`day` text NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`recipients` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`domain_id`, `day`),
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `bounces` ADD `source_event_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `bounces_source_event` ON `bounces` (`source_event_id`);--> statement-breakpoint
ALTER TABLE `domains` ADD `daily_send_limit` integer;--> statement-breakpoint
ALTER TABLE `messages` ADD `bcc` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `sent_message_id` text;--> statement-breakpoint
CREATE INDEX `messages_sent_message_id` ON `messages` (`sent_message_id`);