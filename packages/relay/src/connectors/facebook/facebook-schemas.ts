/**
 * The parts of Facebook's page webhooks and Graph API answers the connector reads, validated at
 * the edge. Shapes from the Webhooks reference for the Page object's `feed` field
 * (https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed: `from`,
 * `post_id`, `comment_id`, `parent_id`, `created_time`, `item`, `verb`, `message`) and the
 * Getting Started guide (https://developers.facebook.com/docs/graph-api/webhooks/getting-started:
 * `object`, `entry[].id`, `entry[].time`, `entry[].changes[]`, several entries per delivery).
 */
import { z } from 'zod';

const feedValueSchema = z.looseObject({
  item: z.string(),
  verb: z.string(),
  from: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  post_id: z.string().optional(),
  comment_id: z.string().optional(),
  parent_id: z.string().optional(),
  message: z.string().optional(),
  created_time: z.union([z.number(), z.string()]).optional(),
  permalink_url: z.string().optional(),
});
export type FeedValue = z.infer<typeof feedValueSchema>;

export const deliverySchema = z.looseObject({
  object: z.string(),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      time: z.number().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).optional(),
    }),
  ),
});

export { feedValueSchema };

export const createdSchema = z.looseObject({ id: z.string() });
export const successSchema = z.looseObject({ success: z.boolean() });
