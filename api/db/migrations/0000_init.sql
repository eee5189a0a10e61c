CREATE TABLE `areas` (
	`id` text PRIMARY KEY NOT NULL,
	`diagnosis_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`diagnosis_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `areas_diagnosis_idx` ON `areas` (`diagnosis_id`);--> statement-breakpoint
CREATE TABLE `diagnoses` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`wave` text DEFAULT 'ex-ante' NOT NULL,
	`previous_wave_id` text,
	`k_threshold` integer DEFAULT 5 NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`data_version` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`previous_wave_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `diagnoses_slug_uq` ON `diagnoses` (`slug`);--> statement-breakpoint
CREATE TABLE `municipalities` (
	`id` text PRIMARY KEY NOT NULL,
	`diagnosis_id` text NOT NULL,
	`area_id` text,
	`istat_code` text NOT NULL,
	`name` text NOT NULL,
	`population` integer NOT NULL,
	`geometry` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`diagnosis_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `municipalities_diagnosis_idx` ON `municipalities` (`diagnosis_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `municipalities_istat_uq` ON `municipalities` (`diagnosis_id`,`istat_code`);--> statement-breakpoint
CREATE TABLE `zones` (
	`id` text PRIMARY KEY NOT NULL,
	`diagnosis_id` text NOT NULL,
	`municipality_id` text,
	`name` text NOT NULL,
	`kind` text DEFAULT 'quartiere' NOT NULL,
	`geometry` text NOT NULL,
	`min_lon` real NOT NULL,
	`min_lat` real NOT NULL,
	`max_lon` real NOT NULL,
	`max_lat` real NOT NULL,
	`area_km2` real NOT NULL,
	`population` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`diagnosis_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `zones_diagnosis_idx` ON `zones` (`diagnosis_id`);--> statement-breakpoint
CREATE INDEX `zones_bbox_idx` ON `zones` (`diagnosis_id`,`min_lon`,`max_lon`,`min_lat`,`max_lat`);--> statement-breakpoint
CREATE TABLE `institutions` (
	`id` text PRIMARY KEY NOT NULL,
	`diagnosis_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`area_id` text,
	`municipality_id` text,
	`email` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`diagnosis_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `institutions_diagnosis_idx` ON `institutions` (`diagnosis_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`diagnosis_id` text NOT NULL,
	`institution_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`first_opened_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`diagnosis_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_institution_idx` ON `invitations` (`diagnosis_id`,`institution_id`);--> statement-breakpoint
CREATE TABLE `response_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`version` integer NOT NULL,
	`answers` text NOT NULL,
	`survey_version` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_revisions_uq` ON `response_revisions` (`response_id`,`version`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`diagnosis_id` text NOT NULL,
	`institution_id` text NOT NULL,
	`answers` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`survey_version` integer NOT NULL,
	`submitted_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`diagnosis_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_institution_uq` ON `responses` (`diagnosis_id`,`institution_id`);--> statement-breakpoint
CREATE TABLE `signals` (
	`id` text PRIMARY KEY NOT NULL,
	`diagnosis_id` text NOT NULL,
	`source` text NOT NULL,
	`lat` real,
	`lon` real,
	`zone_id` text,
	`categories` text NOT NULL,
	`time_bands` text NOT NULL,
	`days` text,
	`intensity` integer,
	`count` integer DEFAULT 1 NOT NULL,
	`helps` text,
	`text` text,
	`moderation` text DEFAULT 'none' NOT NULL,
	`moderated_by` text,
	`moderated_at` integer,
	`moderation_reason` text,
	`profile` text,
	`perception` text,
	`content_hash` text,
	`occurred_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`diagnosis_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`zone_id`) REFERENCES `zones`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `signals_diagnosis_time_idx` ON `signals` (`diagnosis_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `signals_diagnosis_zone_idx` ON `signals` (`diagnosis_id`,`zone_id`);--> statement-breakpoint
CREATE INDEX `signals_moderation_idx` ON `signals` (`diagnosis_id`,`moderation`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`objective_id` text NOT NULL,
	`name` text NOT NULL,
	`unit` text DEFAULT '' NOT NULL,
	`baseline` real NOT NULL,
	`target` real NOT NULL,
	`measured` real,
	`measured_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`objective_id`) REFERENCES `objectives`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `indicators_objective_idx` ON `indicators` (`objective_id`);--> statement-breakpoint
CREATE TABLE `objectives` (
	`id` text PRIMARY KEY NOT NULL,
	`diagnosis_id` text NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`diagnosis_id`) REFERENCES `diagnoses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `objectives_diagnosis_idx` ON `objectives` (`diagnosis_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`diagnosis_id` text,
	`user_id` text,
	`action` text NOT NULL,
	`target` text,
	`details` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_diagnosis_idx` ON `audit_log` (`diagnosis_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`disabled_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);