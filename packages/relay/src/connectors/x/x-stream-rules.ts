/**
 * Listening on X (issue 5, item 9) is a set of filtered-stream rules, and those rules belong to
 * the X app, not to the channel: other channels (or other software) on the same app have rules
 * of their own. So every rule eyelevel makes carries the tag `eyelevel:<channel id>:<term>`;
 * a sync reads the app's rules, deletes only ours that no longer match a tracked term, and adds
 * only what is missing. Running it twice changes nothing, and a post's `matching_rules` tags
 * say which channel and which term it was found for.
 */
import type { PlatformHttp } from '../shared/platform-http.js';
import { PlatformError } from '../shared/platform-error.js';
import { streamRulesChangeSchema, streamRulesSchema } from './x-schemas.js';

const RULES_PATH = '/2/tweets/search/stream/rules';
const TAG_PREFIX = 'eyelevel:';

export interface StreamRule {
  value: string;
  tag: string;
}

export const ruleTag = (channelId: string, term: string) => `${TAG_PREFIX}${channelId}:${term}`;

/** The tracked term a rule's tag names, when the rule is this channel's. */
export function termOfTag(channelId: string, tag: string | undefined): string | null {
  const prefix = `${TAG_PREFIX}${channelId}:`;
  return tag?.startsWith(prefix) ? tag.slice(prefix.length) : null;
}

/**
 * A tracked term as a rule: a hashtag as X's hashtag operator, anything else as an exact phrase.
 * Reposts are left out (they would open a case per repost of one post), and so are the brand's
 * own posts; the brand's id also keeps two channels on one app from asking for the same rule,
 * which X would refuse as a duplicate.
 */
export function ruleFor(channelId: string, accountId: string | null, term: string): StreamRule {
  const phrase = /^#[\p{L}\p{N}_]+$/u.test(term) ? term : `"${term.replace(/["\\]/g, ' ').replace(/\s+/g, ' ').trim()}"`;
  const value = `${phrase} -is:retweet${accountId ? ` -from:${accountId}` : ''}`;
  return { value, tag: ruleTag(channelId, term) };
}

export interface SyncResult {
  added: number;
  deleted: number;
}

/** Makes the app's rules tagged for this channel exactly `wanted`; idempotent. */
export async function syncStreamRules(http: PlatformHttp, bearer: string, channelId: string, wanted: StreamRule[]): Promise<SyncResult> {
  const headers = { authorization: `Bearer ${bearer}` };
  const ours: Array<{ id: string; value: string; tag: string }> = [];
  let token: string | undefined;
  do {
    const { data } = await http.request('GET', RULES_PATH, { query: { max_results: '1000', pagination_token: token }, headers, schema: streamRulesSchema });
    for (const rule of data.data ?? []) {
      if (rule.tag !== undefined && termOfTag(channelId, rule.tag) !== null) ours.push({ id: rule.id, value: rule.value, tag: rule.tag });
    }
    token = data.meta?.next_token;
  } while (token);

  const same = (a: StreamRule, b: StreamRule) => a.value === b.value && a.tag === b.tag;
  const stale = ours.filter((rule) => !wanted.some((want) => same(want, rule)));
  const missing = wanted.filter((want) => !ours.some((rule) => same(want, rule)));
  if (stale.length > 0) {
    await http.request('POST', RULES_PATH, { json: { delete: { ids: stale.map((rule) => rule.id) } }, headers, schema: streamRulesChangeSchema });
  }
  if (missing.length > 0) {
    const { data } = await http.request('POST', RULES_PATH, { json: { add: missing }, headers, schema: streamRulesChangeSchema });
    // X answers 200 with `errors` for rules it would not take (invalid syntax, a duplicate).
    const refused = (data.errors ?? []).filter((problem) => problem.title !== 'DuplicateRule' || !ours.some((rule) => rule.id === problem.id));
    if (refused.length > 0) {
      const first = refused[0]!;
      throw new PlatformError(`X refused a listening rule${first.value ? ` (${first.value})` : ''}: ${first.title ?? ''} ${first.detail ?? ''}`.trim(), 400);
    }
  }
  return { added: missing.length, deleted: stale.length };
}
