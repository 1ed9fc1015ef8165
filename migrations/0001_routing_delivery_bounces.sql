CREATE TABLE `bounces` (
	`id` text PRIMARY KEY NOT NULL,
	`inbound_id` text,
	`message_row_id` text,
	`thread_id` text,
	`address` text NOT NULL,
	`kind` text NOT NULL,
	`status` text,
	`action` text,
	`reason` text,
	`permanent` integer NOT NULL,
	`diagnostic` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`inbound_id`) REFERENCES `inbound_emails`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `bounces_address_created` ON `bounces` (`address`,`created_at`);--> statement-breakpoint
CREATE INDEX `bounces_inbound` ON `bounces` (`inbound_id`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`domain_id` text NOT NULL,
	`address` text NOT NULL,
	`name` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`domain_id`, `address`),
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_status_code` integer,
	`last_error` text,
	`delivered_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_event_target` ON `deliveries` (`event_id`,`target_kind`,`target_id`);--> statement-breakpoint
CREATE INDEX `deliveries_status_next` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `delivery_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`attempted_at` integer NOT NULL,
	`status_code` integer,
	`latency_ms` integer NOT NULL,
	`response_snippet` text,
	`error` text,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `delivery_attempts_delivery` ON `delivery_attempts` (`delivery_id`,`attempted_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`domain_id` text,
	`inbound_id` text,
	`thread_id` text,
	`payload` text NOT NULL,
	`dispatched_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_dispatched` ON `events` (`dispatched_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `events_thread` ON `events` (`thread_id`);--> statement-breakpoint
CREATE TABLE `odoo_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_id` text,
	`name` text NOT NULL,
	`protocol` text NOT NULL,
	`url` text NOT NULL,
	`database` text,
	`login` text,
	`api_key_secret` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_id` text NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`match_recipient` text,
	`match_sender` text,
	`match_header_name` text,
	`match_header_value` text,
	`match_subject` text,
	`action` text NOT NULL,
	`alias_id` text,
	`tag` text,
	`stop` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`alias_id`) REFERENCES `aliases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `routing_rules_domain_position` ON `routing_rules` (`domain_id`,`position`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`address` text PRIMARY KEY NOT NULL,
	`suppressed_at` integer,
	`reason` text,
	`source` text,
	`bounce_count` integer DEFAULT 0 NOT NULL,
	`first_bounce_at` integer,
	`last_bounce_at` integer,
	`complained` integer DEFAULT false NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE TABLE `thread_followers` (
	`thread_id` text NOT NULL,
	`address` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`thread_id`, `address`),
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `thread_followers_address` ON `thread_followers` (`address`);--> statement-breakpoint
CREATE TABLE `thread_refs` (
	`thread_id` text NOT NULL,
	`message_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`thread_id`, `message_id`),
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `thread_refs_message_id` ON `thread_refs` (`message_id`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_id` text,
	`url` text NOT NULL,
	`event_types` text DEFAULT '[]' NOT NULL,
	`secrets` text NOT NULL,
	`disabled_at` integer,
	`disabled_reason` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `aliases` ADD `forward_to` text;--> statement-breakpoint
ALTER TABLE `aliases` ADD `odoo_target_id` text;--> statement-breakpoint
ALTER TABLE `aliases` ADD `bounce_message` text;--> statement-breakpoint
ALTER TABLE `domains` ADD `subaddress_separator` text DEFAULT '+' NOT NULL;--> statement-breakpoint
ALTER TABLE `domains` ADD `unknown_recipient_policy` text DEFAULT 'reject' NOT NULL;--> statement-breakpoint
ALTER TABLE `domains` ADD `catchall_only_policy` text DEFAULT 'bounce' NOT NULL;--> statement-breakpoint
ALTER TABLE `domains` ADD `subject_fallback` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `domains` ADD `forward_replies_to_followers` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `domains` ADD `dmarc_failure_policy` text DEFAULT 'quarantine' NOT NULL;--> statement-breakpoint
ALTER TABLE `domains` ADD `spam_policy` text DEFAULT 'quarantine' NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `domain_id` text;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `alias_id` text;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `auth` text;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `spam` text;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `quarantined_at` integer;--> statement-breakpoint
CREATE INDEX `inbound_sender_recipient_created` ON `inbound_emails` (`from_address`,`envelope_to`,`created_at`);--> statement-breakpoint
CREATE INDEX `inbound_sender_thread_created` ON `inbound_emails` (`from_address`,`thread_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `inbound_quarantined` ON `inbound_emails` (`quarantined_at`);--> statement-breakpoint
ALTER TABLE `messages` ADD `tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `delivery_state` text;