CREATE TABLE `public_summaries` (
	`diagnosis_id` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`k` integer NOT NULL,
	`base` integer NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`diagnosis_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `signals` ADD `exclusion` text;--> statement-breakpoint
ALTER TABLE `signals` ADD `exclusion_by` text;--> statement-breakpoint
ALTER TABLE `signals` ADD `exclusion_at` integer;--> statement-breakpoint
ALTER TABLE `signals` ADD `exclusion_note` text;