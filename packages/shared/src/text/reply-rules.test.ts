import { describe, expect, it } from 'vitest';
import { blueskyLength } from './bluesky-length.js';
import { mastodonLength } from './mastodon-length.js';
import { xWeightedLength } from './x-length.js';
import { measureReply, publicReplyText, signatureFor, type ReplyRules } from './reply-rules.js';

describe('X weighted length', () => {
  it('counts Latin as 1, CJK as 2, emoji as 2 and every URL as 23', () => {
    expect(xWeightedLength('hello')).toBe(5);
    expect(xWeightedLength('日本語')).toBe(6);
    expect(xWeightedLength('👍')).toBe(2);
    expect(xWeightedLength('👨‍👩‍👧‍👦')).toBe(2);
    expect(xWeightedLength('see https://example.com/a/very/long/path/that/goes/on?and=on')).toBe(4 + 23);
    expect(xWeightedLength('café')).toBe(4);
  });
});

describe('Mastodon length', () => {
  it('counts URLs as the instance says and remote mentions by their local part', () => {
    expect(mastodonLength('@ann@social.example thanks')).toBe('@ann thanks'.length);
    expect(mastodonLength('read https://example.com/x/y/z', 23)).toBe(5 + 23);
    expect(mastodonLength('read https://example.com/x/y/z', 30)).toBe(5 + 30);
  });
});

describe('Bluesky length', () => {
  it('counts graphemes', () => {
    expect(blueskyLength('👨‍👩‍👧‍👦 ok')).toBe(4);
    expect(blueskyLength('e\u0301')).toBe(1);
  });
});

describe('replies with the agent’s signature', () => {
  const x: ReplyRules = { counting: 'x', maxLength: 280, signature: ' ^{initials}' };

  it('appends the signature (lowercase or capitals) and the prefix once', () => {
    expect(signatureFor(' ^{INITIALS}', 'an')).toBe(' ^AN');
    expect(publicReplyText(x, ' Thanks! ', 'an')).toBe('Thanks! ^an');
    const mastodon: ReplyRules = { counting: 'mastodon', maxLength: 500, signature: ' –{initials}' };
    expect(publicReplyText(mastodon, 'on it', 'an', '@ann@social.example ')).toBe('@ann@social.example on it –an');
    expect(publicReplyText(mastodon, '@ann@social.example on it', 'an', '@ann@social.example ')).toBe('@ann@social.example on it –an');
  });

  it('counts the signature against the limit', () => {
    expect(measureReply(x, 'a'.repeat(276), 'an')).toMatchObject({ length: 280, remaining: 0, fits: true });
    expect(measureReply(x, 'a'.repeat(277), 'an')).toMatchObject({ length: 281, remaining: -1, fits: false });
    expect(measureReply({ counting: 'bluesky', maxLength: 300, signature: ' ^{initials}' }, '👍'.repeat(296), 'an').fits).toBe(true);
  });
});
