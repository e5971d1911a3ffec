// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { choose, click, get } from '../test-support/dom.js';
import { consoleEnv, directoryFrame } from '../test-support/console-env.js';
import { agentAuthor, summary } from '../test-support/fixtures.js';
import { latestPrivateLink } from './PrivateLinkAction.js';

let env: ReturnType<typeof consoleEnv> | null = null;
beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] }));
afterEach(() => {
  env?.cleanup();
  env = null;
  vi.useRealTimers();
});

const mention = summary('conv1', {
  channel: 'mastodon',
  social: {
    channelId: 'ch1',
    author: { handle: '@ann@social.example', name: 'Ann', url: 'https://social.example/@ann' },
    url: 'https://social.example/@ann/1',
    replyPrefix: '@ann@social.example ',
  },
});
const url = 'https://shop.example/#eyelevel-continue=v1.eyJ0IjoiYSJ9.c2lnbmF0dXJl';
const linkNote = (seq: number) => ({
  kind: 'note',
  seq,
  at: 5000,
  author: agentAuthor,
  text: `Private link to continue on Shop (single use, valid until 2026-11-22T20:00:00.000Z): ${url}`,
  mentions: [],
  clientId: 'c1',
});

const button = (name: string) => {
  const found = [...env!.container.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};
const privateLink = () => env!.container.querySelector('[aria-label="Private link"]');

describe('private link action', () => {
  it('asks the relay for a link into the site, then puts the link the relay wrote into the reply', () => {
    env = consoleEnv();
    env.connect([mention], directoryFrame({ sites: [{ id: 's1', name: 'Shop' }] }));
    click(get(env.container, '#queue-option-conv1'));
    expect(privateLink()?.textContent).toContain('in the chat on Shop');

    click(button('Send private link'));
    expect(env.sent('private_link')).toEqual([{ type: 'private_link', conversationId: 'conv1', id: 'c1', siteId: 's1' }]);
    expect(button('Creating link…').disabled).toBe(true);
    env.deliver({ type: 'ack', id: 'c1', seq: 1, at: 5000, conversationId: 'conv1' });
    env.deliver({ type: 'event', conversationId: 'conv1', event: linkNote(1) });
    expect(env.container.querySelector('.log')?.textContent).toContain(url);

    click(button('Insert link into reply'));
    expect(get<HTMLTextAreaElement>(env.container, '.composer textarea, textarea').value).toBe(url);
  });

  it('shows the relay’s refusal, offers a choice of sites, and is not offered in web chats', () => {
    env = consoleEnv();
    env.connect([mention, summary('web1')], directoryFrame({ sites: [{ id: 's1', name: 'Shop' }, { id: 's2', name: 'Careers' }] }));
    click(get(env.container, '#queue-option-conv1'));
    choose(get<HTMLSelectElement>(privateLink()!, 'select'), 's2');
    click(button('Send private link'));
    expect(env.sent('private_link')[0]).toMatchObject({ siteId: 's2' });
    env.deliver({ type: 'error', code: 'BAD_REQUEST', message: 'the site has no allowed origin to link to', ref: 'c1' });
    expect(get(privateLink()!, '[role="alert"]').textContent).toContain('Could not create the link: the site has no allowed origin to link to');

    click(get(env.container, '#queue-option-web1'));
    expect(privateLink()).toBeNull();
  });

  it('says so when the workspace has no site to link to', () => {
    env = consoleEnv();
    env.connect([mention], directoryFrame());
    click(get(env.container, '#queue-option-conv1'));
    expect(button('Send private link').disabled).toBe(true);
    expect(privateLink()?.textContent).toContain('No site to link to');
  });

  it('finds the newest link in the log, and only real links', () => {
    expect(latestPrivateLink([])).toBeNull();
    const older = { ...linkNote(1), text: 'https://a.example/#eyelevel-continue=v1.old.sig' };
    const spoof = { ...linkNote(3), text: 'see #eyelevel-continue=v1.x.y' };
    expect(latestPrivateLink([older, linkNote(2), spoof] as never)).toBe(url);
  });
});
