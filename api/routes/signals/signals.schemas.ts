// The payloads of the signals API, one zod schema each: the validators, the OpenAPI document and
// the web client all read these. Resident fields come from surveys/ so the form and the API agree.
import { z } from 'zod';
import { perceptionSchema } from '../../../surveys/perception';
import { residentSignalFieldsSchema } from '../../../surveys/resident';
import { languages } from '../../../surveys/i18n';
import { exclusionReasons, moderationStates } from '../../db/schema';

/** Bodies are small: 500 characters of text and a few lists. Anything larger is refused (413). */
export const SIGNAL_BODY_MAX_BYTES = 8 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const signalIdSchema = z
  .uuid('Use a UUID made by the device (crypto.randomUUID()).')
  .transform((s) => s.toLowerCase())
  .describe('UUID made by the device; a retry with the same id is stored once');

export const signalInputSchema = residentSignalFieldsSchema
  .extend({
    id: signalIdSchema,
    lat: z.number().min(-90).max(90).optional().describe('WGS84 latitude of the place (with lon), or send zoneId'),
    lon: z.number().min(-180).max(180).optional().describe('WGS84 longitude of the place (with lat)'),
    zoneId: z.string().min(1).max(64).optional().describe('A zone of the diagnosis, when no point is given'),
    perception: perceptionSchema.optional(),
    /** Honeypot: a hidden field people never fill. See the POST description for what happens when it is filled. */
    website: z.string().max(2000).optional().describe('Leave empty (hidden form field)'),
  })
  // The place rule runs even when other fields are bad, so one response names every bad field.
  .superRefine(
    (v, ctx) => {
      const hasLat = v.lat !== undefined;
      const hasLon = v.lon !== undefined;
      const hasZone = v.zoneId !== undefined;
      if (hasLat !== hasLon) {
        ctx.addIssue({ code: 'custom', path: [hasLat ? 'lon' : 'lat'], message: 'Send lat and lon together.' });
      } else if (hasLat && hasZone) {
        ctx.addIssue({ code: 'custom', path: ['zoneId'], message: 'Send either lat/lon or zoneId, not both.' });
      } else if (!hasLat && !hasZone) {
        ctx.addIssue({ code: 'custom', path: ['lat'], message: 'Say where: lat and lon, or zoneId.' });
      }
    },
    { when: (payload) => isObject(payload.value) },
  );
export type SignalInput = z.infer<typeof signalInputSchema>;

export const signalAckSchema = z.object({
  id: z.string(),
  zoneId: z.string().nullable().describe('The zone that contains the point, resolved by the server; null when none does'),
});
export type SignalAck = z.infer<typeof signalAckSchema>;

export const signalPathSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A slug is lowercase letters, digits and dashes.'),
  id: signalIdSchema,
});

export const perceptionInputSchema = perceptionSchema;
export const perceptionAckSchema = z.object({ id: z.string() });

// ---- public summary ------------------------------------------------------------------------

/** The summary takes no filter, only a label language: differencing across filters has nothing to work on. */
export const summaryQuerySchema = z.object({ lang: z.enum(languages).optional().describe('Label language (default it)') });

export const publicSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  k: z.number().int().describe('A count below k, after rounding, is not shown'),
  base: z.number().int().describe('Every count is rounded to the nearest multiple of base'),
  asOf: z.iso.date().describe('UTC day of the refresh the figures come from: they count reports made before that refresh'),
  refreshHours: z.number().int().describe('Hours between refreshes (24: once a day)'),
  zonesTotal: z
    .number()
    .int()
    .nullable()
    .describe('Sum of the zone counts shown (zones below k are not in it); null when, in all, fewer than k reports stand behind the summary'),
  zones: z.array(z.object({ zoneId: z.string(), name: z.string(), count: z.number().int().describe('Rounded to base, at least k') })),
  categories: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int().describe('Rounded to base, at least k') })),
  texts: z.array(z.object({ text: z.string(), zone: z.string().nullable() })).describe('Approved free texts only, in no order of time'),
});
export type PublicSummary = z.infer<typeof publicSummarySchema>;

// ---- moderation ----------------------------------------------------------------------------

export const moderationListQuerySchema = z.object({
  state: z
    .enum(['pending', 'approved', 'hidden', 'reports', 'excluded'])
    .optional()
    .describe('Texts by moderation state (default pending); reports: every report that counts, text or not, newest first; excluded: every report excluded as abuse or spam'),
  zoneId: z.string().min(1).max(64).optional().describe('Only the reports of this zone'),
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Page size, default 20'),
  cursor: z
    .string()
    .regex(/^\d{1,15}_[0-9a-f-]{36}$/, 'Use the nextCursor of the previous page.')
    .optional()
    .describe('nextCursor of the previous page'),
});

export const moderationItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  categories: z.array(z.string()),
  intensity: z.number().int().nullable(),
  zoneId: z.string().nullable(),
  zoneName: z.string().nullable(),
  createdAt: z.string(),
  moderation: z.enum(moderationStates),
  moderatedBy: z.string().nullable(),
  moderatedAt: z.string().nullable(),
  moderationReason: z.string().nullable(),
  exclusion: z.enum(exclusionReasons).nullable().describe('abuse | spam: the report is out of every analysis and public output; null: it counts'),
  exclusionBy: z.string().nullable().describe('Who made the last exclusion decision (exclude or restore)'),
  exclusionAt: z.string().nullable(),
  exclusionNote: z.string().nullable(),
});

export const moderationListSchema = z.object({
  items: z.array(moderationItemSchema),
  nextCursor: z.string().nullable(),
  pendingTotal: z.number().int(),
});

export const hideInputSchema = z.strictObject({
  reason: z.string().trim().min(3, 'Say why the text is hidden (at least 3 characters).').max(500),
});

export const EXCLUDE_BODY_MAX_BYTES = 4096;

export const excludeInputSchema = z.strictObject({
  reason: z.enum(exclusionReasons).describe('abuse: made to harm or mislead; spam: junk, floods, automated'),
  note: z.string().trim().min(3, 'A note is at least 3 characters.').max(500).optional().describe('What the moderator saw'),
});

export const restoreInputSchema = z.strictObject({
  note: z.string().trim().min(3, 'Say why the report is restored (at least 3 characters).').max(500),
});
