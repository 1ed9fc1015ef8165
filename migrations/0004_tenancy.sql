DROP INDEX `threads_record`;--> statement-breakpoint
CREATE UNIQUE INDEX `threads_domain_record` ON `threads` (`domain_id`,`record_model`,`record_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_suppressions` (
	`domain_id` text NOT NULL,
	`address` text NOT NULL,
	`suppressed_at` integer,
	`reason` text,
	`source` text,
	`bounce_count` integer DEFAULT 0 NOT NULL,
	`first_bounce_at` integer,
	`last_bounce_at` integer,
	`complained` integer DEFAULT false NOT NULL,
	`updated_at` integer,
	PRIMARY KEY(`domain_id`, `address`),
	FOREIGN KEY (`domain_id`) REFERENCES `domains`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_suppressions`("domain_id", "address", "suppressed_at", "reason", "source", "bounce_count", "first_bounce_at", "last_bounce_at", "complained", "updated_at") SELECT "domain_id", "address", "suppressed_at", "reason", "source", "bounce_count", "first_bounce_at", "last_bounce_at", "complained", "updated_at" FROM `suppressions`;--> statement-breakpoint
DROP TABLE `suppressions`;--> statement-breakpoint
ALTER TABLE `__new_suppressions` RENAME TO `suppressions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `suppressions_domain_suppressed` ON `suppressions` (`domain_id`,`suppressed_at`);--> statement-breakpoint
ALTER TABLE `bounces` ADD `domain_id` text REFERENCES domains(id);--> statement-breakpoint
ALTER TABLE `bounces` ADD `verified` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `bounces_domain` ON `bounces` (`domain_id`,`id`);