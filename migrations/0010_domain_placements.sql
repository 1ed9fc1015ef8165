CREATE TABLE `domain_placements` (
	`domain_name` text PRIMARY KEY NOT NULL,
	`binding` text NOT NULL,
	`state` text DEFAULT 'active' NOT NULL,
	`updated_at` integer NOT NULL
);
