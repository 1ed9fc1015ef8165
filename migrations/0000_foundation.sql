CREATE TABLE `aliases` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_id` text NOT NULL,
	`local_part` text NOT NULL,
	`action` text NOT NULL,
	`model` text,
	`policy` text DEFAULT 'everyone' NOT NULL,
	`defaults` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `aliases_domain_local_part` ON `aliases` (`domain_id`,`local_part`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`scope` text NOT NULL,
	`domain_id` text,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`r2_key` text NOT NULL,
	`filename` text,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`content_id` text,
	`disposition` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attachments_message` ON `attachments` (`message_id`);--> statement-breakpoint
CREATE TABLE `domains` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`catchall` text DEFAULT 'catchall' NOT NULL,
	`bounce` text DEFAULT 'bounce' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `domains_name_unique` ON `domains` (`name`);--> statement-breakpoint
CREATE TABLE `inbound_emails` (
	`id` text PRIMARY KEY NOT NULL,
	`raw_key` text NOT NULL,
	`checksum` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`message_id` text,
	`envelope_from` text NOT NULL,
	`envelope_to` text NOT NULL,
	`from_address` text,
	`subject` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`kind` text,
	`route` text,
	`reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`thread_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_checksum_recipient` ON `inbound_emails` (`checksum`,`envelope_to`);--> statement-breakpoint
CREATE INDEX `inbound_status_created` ON `inbound_emails` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `inbound_created` ON `inbound_emails` (`created_at`);--> statement-breakpoint
CREATE INDEX `inbound_message_id` ON `inbound_emails` (`message_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`thread_id` text NOT NULL,
	`inbound_id` text,
	`direction` text NOT NULL,
	`message_id` text,
	`in_reply_to` text,
	`references` text DEFAULT '[]' NOT NULL,
	`from_address` text,
	`from_name` text,
	`to` text DEFAULT '[]' NOT NULL,
	`cc` text DEFAULT '[]' NOT NULL,
	`subject` text,
	`date` integer,
	`text` text,
	`html` text,
	`reply_text` text,
	`auth` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`inbound_id`) REFERENCES `inbound_emails`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `messages_message_id` ON `messages` (`message_id`);--> statement-breakpoint
CREATE INDEX `messages_thread` ON `messages` (`thread_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_inbound` ON `messages` (`inbound_id`);--> statement-breakpoint
CREATE TABLE `threads` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_id` text,
	`subject` text,
	`normalized_subject` text,
	`record_model` text,
	`record_id` text,
	`message_count` integer DEFAULT 0 NOT NULL,
	`last_message_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `threads_last_message` ON `threads` (`last_message_at`);--> statement-breakpoint
CREATE INDEX `threads_domain_subject` ON `threads` (`domain_id`,`normalized_subject`,`last_message_at`);--> statement-breakpoint
CREATE INDEX `threads_record` ON `threads` (`record_model`,`record_id`);