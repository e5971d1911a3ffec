import { describe, expect, it } from 'vitest';
import type { SpikeAlert } from '@eyelevel/shared';
import { consoleReducer } from './console-reducer.js';
import { initialState } from './console-state.js';
import { bannerAlert } from './alert-state.js';
import { agent } from '../test-support/fixtures.js';

const alert = (id: string, severity: SpikeAlert['severity'], at: number): SpikeAlert => ({
  id,
  ruleId: 'r1',
  ruleName: 'Forum volume',
  series: { kind: 'channel', id: 'c1', label: 'Community forum' },
  severity,
  count: 35,
  baseline: 10,
  windowMinutes: 5,
  at,
  crisisMode: false,
});

describe('spike alerts in the console', () => {
  it('keeps each alert once, newest first; the banner shows the most severe not dismissed; dismissing keeps the list', () => {
    let state = consoleReducer(initialState(agent), { type: 'frame', frame: { type: 'alerts', alerts: [alert('w1', 'warning', 100)] }, now: 1 });
    state = consoleReducer(state, { type: 'frame', frame: { type: 'alert', alert: alert('c1', 'critical', 200) }, now: 2 });
    state = consoleReducer(state, { type: 'frame', frame: { type: 'alert', alert: alert('c1', 'critical', 200) }, now: 3 });
    state = consoleReducer(state, { type: 'frame', frame: { type: 'alert', alert: alert('w2', 'warning', 300) }, now: 4 });
    expect(state.alerts.list.map((a) => a.id)).toEqual(['w2', 'c1', 'w1']);
    expect(state.announcement?.text).toContain('Warning: 35 in 5 min on Community forum');
    expect(bannerAlert(state.alerts)?.id).toBe('c1');

    state = consoleReducer(state, { type: 'dismissAlert', id: 'c1' });
    expect(bannerAlert(state.alerts)?.id).toBe('w2');
    state = consoleReducer(state, { type: 'dismissAlert', id: 'w2' });
    state = consoleReducer(state, { type: 'dismissAlert', id: 'w1' });
    expect(bannerAlert(state.alerts)).toBeNull();
    expect(state.alerts.list).toHaveLength(3);
  });
});
