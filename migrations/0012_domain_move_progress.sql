ALTER TABLE `domain_placements` ADD `move_to` text;--> statement-breakpoint
ALTER TABLE `domain_placements` ADD `move_from` text;--> statement-breakpoint
ALTER TABLE `domain_placements` ADD `move_cursor` text;