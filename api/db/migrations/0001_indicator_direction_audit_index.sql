ALTER TABLE `indicators` ADD `description` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `indicators` ADD `direction` text;--> statement-breakpoint
CREATE UNIQUE INDEX `objectives_code_uq` ON `objectives` (`diagnosis_id`,`code`);--> statement-breakpoint
CREATE INDEX `audit_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
-- Indicators stored before the column: the direction follows from baseline and target (left
-- null only where they are equal, which the set-up page asks the admin to settle).
UPDATE `indicators` SET `direction` = CASE WHEN `target` > `baseline` THEN 'increase' WHEN `target` < `baseline` THEN 'decrease' END WHERE `direction` IS NULL;
