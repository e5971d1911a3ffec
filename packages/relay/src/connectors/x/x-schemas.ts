/**
 * The parts of X's payloads the connector reads, validated at the edge (loose objects: X sends
 * more). Shapes from the X API v2 reference: the mentions timeline
 * (https://docs.x.com/x-api/posts/timelines/introduction: `data`, `includes.users`, `meta`),
 * POST /2/tweets (https://docs.x.com/x-api/posts/creation-of-a-post), hide replies
 * (https://docs.x.com/x-api/posts/hide-replies/introduction), and the Account Activity API's
 * `tweet_create_events` / `tweet_delete_events`, which carry v1.1-shaped posts
 * (https://docs.x.com/x-api/enterprise-gnip-2.0/fundamentals/account-activity).
 */
import { z } from 'zod';

export const postSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  author_id: z.string(),
  conversation_id: z.string().optional(),
  created_at: z.string().optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.string(), id: z.string() })).optional(),
});

export const userSchema = z.looseObject({ id: z.string(), username: z.string(), name: z.string().optional() });

export const mentionsSchema = z.looseObject({
  data: z.array(postSchema).optional(),
  includes: z.looseObject({ users: z.array(userSchema).optional() }).optional(),
  meta: z.looseObject({ result_count: z.number().optional(), newest_id: z.string().optional(), next_token: z.string().optional() }).optional(),
});

export const createdSchema = z.looseObject({ data: z.looseObject({ id: z.string(), text: z.string().optional() }) });
export const hiddenSchema = z.looseObject({ data: z.looseObject({ hidden: z.boolean() }) });

const v1User = z.looseObject({ id_str: z.string(), screen_name: z.string(), name: z.string().optional() });

export const v1TweetSchema = z.looseObject({
  id_str: z.string(),
  text: z.string().optional(),
  full_text: z.string().optional(),
  truncated: z.boolean().optional(),
  extended_tweet: z.looseObject({ full_text: z.string() }).optional(),
  in_reply_to_status_id_str: z.string().nullable().optional(),
  created_at: z.string().optional(),
  user: v1User,
});

export const activitySchema = z.looseObject({
  for_user_id: z.string(),
  tweet_create_events: z.array(v1TweetSchema).optional(),
  tweet_delete_events: z
    .array(z.looseObject({ status: z.looseObject({ id: z.string(), user_id: z.string() }), timestamp_ms: z.string().optional() }))
    .optional(),
});

// Filtered stream (listening): the rules endpoint (https://docs.x.com/x-api/posts/filtered-stream/quickstart:
// `data: [{ id, value, tag }]`, `meta.summary`) and the stream's lines (`data`, `includes.users`,
// `matching_rules: [{ id, tag }]`), authenticated with the app's bearer token.

export const streamRuleSchema = z.looseObject({ id: z.string(), value: z.string(), tag: z.string().optional() });

export const streamRulesSchema = z.looseObject({
  data: z.array(streamRuleSchema).optional(),
  meta: z.looseObject({ result_count: z.number().optional(), next_token: z.string().optional() }).optional(),
});

const problemSchema = z.looseObject({ title: z.string().optional(), detail: z.string().optional(), value: z.string().optional(), id: z.string().optional() });

export const streamRulesChangeSchema = z.looseObject({
  data: z.array(streamRuleSchema).optional(),
  meta: z.looseObject({ summary: z.looseObject({}).optional() }).optional(),
  errors: z.array(problemSchema).optional(),
});

export const streamLineSchema = z.looseObject({
  data: postSchema.optional(),
  includes: z.looseObject({ users: z.array(userSchema).optional() }).optional(),
  matching_rules: z.array(z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), tag: z.string().optional() })).optional(),
  errors: z.array(problemSchema).optional(),
});
export type XStreamLine = z.infer<typeof streamLineSchema>;
