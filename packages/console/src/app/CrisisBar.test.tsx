// @vitest-environment happy-dom
/**
 * Crisis mode in the console (issue 6): a lead has the switch, the holding statement and the
 * draft lifetime at hand and sends the frames; the banner follows the relay's broadcast.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { click, get, type } from '../test-support/dom.js';
import { consoleEnv } from '../test-support/console-env.js';
import { agent, otherAgentAuthor, summary } from '../test-support/fixtures.js';

let env: ReturnType<typeof consoleEnv> | null = null;
afterEach(() => {
  env?.cleanup();
  env = null;
});

const off = { type: 'review_settings', crisis: { on: false, since: null, by: null }, holdingStatement: 'We are on it.', draftExpiryMinutes: 1440 };
const button = (root: ParentNode, name: string) => {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
};

describe('crisis mode controls', () => {
  it('a lead starts crisis mode, edits the holding statement and the draft lifetime; the banner follows the broadcast', () => {
    env = consoleEnv({ ...agent, role: 'lead' });
    env.connect([summary('conv1', { lastSeq: 1, channel: 'mastodon' })]);
    env.deliver(off);
    const controls = get(env.container, 'details.crisis-controls');
    click(button(controls, 'Start crisis mode'));
    expect(env.sent('crisis')).toEqual([{ type: 'crisis', on: true, id: 'c1' }]);
    // Nothing changes until the relay says so (for every console at once).
    expect(env.container.querySelector('.crisis-banner')).toBeNull();

    const lifetime = get(env.container, 'form[aria-label="Draft lifetime"]');
    type(get<HTMLInputElement>(lifetime, 'input'), '2');
    click(button(lifetime, 'Save'));
    expect(env.sent('review_settings')).toEqual([{ type: 'review_settings', draftExpiryMinutes: 120, id: 'c2' }]);

    env.deliver({ ...off, crisis: { on: true, since: 5000, by: otherAgentAuthor } });
    const banner = get(env.container, '.crisis-banner');
    expect(banner.textContent).toContain('Crisis mode is on');
    click(button(banner, 'Edit holding statement…'));
    const form = get(env.container, 'form[aria-label="Holding statement"]');
    type(get<HTMLTextAreaElement>(form, 'textarea'), ' Our service is back soon. ');
    click(button(form, 'Save'));
    expect(env.sent('review_settings')[1]).toEqual({ type: 'review_settings', holdingStatement: 'Our service is back soon.', id: 'c3' });
    click(button(banner, 'End crisis mode'));
    expect(env.sent('crisis')[1]).toEqual({ type: 'crisis', on: false, id: 'c4' });
  });

  it('an agent sees no switch while crisis mode is off', () => {
    env = consoleEnv();
    env.connect([]);
    env.deliver(off);
    expect(env.container.querySelector('.crisis-controls')).toBeNull();
    expect(env.container.querySelector('.crisis-banner')).toBeNull();
  });
});
