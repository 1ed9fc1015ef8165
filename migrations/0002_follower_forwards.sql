ALTER TABLE `inbound_emails` ADD `forward_to` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `inbound_emails` ADD `forwarded_at` integer;