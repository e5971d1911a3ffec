/**
 * A site's widget settings that travel: the pre-chat form the widget shows and the business
 * hours the relay checks. Defined once here so the admin API validates what the relay stores
 * and the widget receives (in `welcome.site`) with the same rules.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';

/** What the pre-chat form can ask for. */
export const PRECHAT_FIELDS = ['name', 'email', 'topic'] as const;
export type PrechatField = (typeof PRECHAT_FIELDS)[number];
export const prechatFieldSchema = z.enum(PRECHAT_FIELDS);

/** An http(s) URL; anything else (javascript:, data:) would become a live link in the widget. */
const httpUrlSchema = z.url({ protocol: /^https?$/ }).max(LIMITS.maxUrlLength);

export const prechatSettingsSchema = z.strictObject({
  /** Fields the form shows, in this order. Empty (and no privacy text): no form at all. */
  fields: z.array(prechatFieldSchema).max(PRECHAT_FIELDS.length),
  /** Fields the visitor must fill in before the first message; a subset of `fields`. */
  required: z.array(prechatFieldSchema).max(PRECHAT_FIELDS.length),
  /** Choices for the topic field; without them the topic is free text. */
  topics: z.array(z.string().trim().min(1).max(LIMITS.maxTopicLength)).max(20).optional(),
  /** The consent checkbox's label; when set, the visitor must tick it before chatting. */
  privacyText: z.string().trim().min(1).max(LIMITS.maxPrivacyTextLength).optional(),
  /** The full privacy policy, linked beside the consent text. */
  privacyUrl: httpUrlSchema.optional(),
});
export type PrechatSettings = z.infer<typeof prechatSettingsSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock time `HH:MM`, 00:00 to 24:00 (24:00 = end of the day). */
export const clockTimeSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'times are HH:MM, 00:00 to 24:00');

export const openingIntervalSchema = z
  .strictObject({
    /** Day of the week the interval starts on, in the site's time zone. */
    day: z.enum(WEEKDAYS),
    /** Opening time, local. */
    from: clockTimeSchema,
    /** Closing time, local, later than `from` on the same day (24:00 for midnight). */
    to: clockTimeSchema,
  })
  .refine((interval) => interval.from < interval.to, 'an interval closes after it opens');
export type OpeningInterval = z.infer<typeof openingIntervalSchema>;

/** An IANA time zone the runtime knows, e.g. `Europe/Berlin`. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'not a known IANA time zone');

export const businessHoursSchema = z.strictObject({
  /** IANA time zone the intervals are written in; daylight saving time follows from it. */
  timeZone: timeZoneSchema,
  /** When the site is staffed, week by week; outside every interval the widget is offline. */
  weekly: z.array(openingIntervalSchema).max(7 * 4),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Everything a site can configure about its widget (stored as the site's settings JSON). */
export const siteSettingsSchema = z.strictObject({
  /** Shown in the widget's header instead of the site's name. */
  title: z.string().trim().min(1).max(LIMITS.maxNameLength).optional(),
  /** The pre-chat form; absent means visitors write straight away. */
  prechat: prechatSettingsSchema.optional(),
  /** Opening hours; absent means always open (then only agent presence decides). */
  businessHours: businessHoursSchema.optional(),
});
export type SiteSettingsInput = z.infer<typeof siteSettingsSchema>;
