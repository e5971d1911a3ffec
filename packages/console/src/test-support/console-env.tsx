/**
 * A signed-in console on a fake line, for component tests of whole screens: mount the screen,
 * play the relay (welcome, directory, events), and read back the frames the console sent.
 */
import { vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { AgentProfile, AgentServerFrame, ConversationSummary } from '@eyelevel/shared';
import { ConsoleScreen } from '../app/ConsoleScreen.js';
import { ConsoleController } from '../app/console-controller.js';
import { AgentSocket } from '../connection/agent-socket.js';
import { FakeSocket } from './fake-socket.js';
import { mount } from './dom.js';
import { agent as defaultAgent } from './fixtures.js';

export type DirectoryFrame = Extract<AgentServerFrame, { type: 'directory' }>;

export const directoryFrame = (overrides: Partial<DirectoryFrame> = {}): DirectoryFrame => ({
  type: 'directory',
  workspace: { id: 'ws_1', name: 'Acme', firstResponseTargetMs: 5 * 60_000 },
  teams: [
    { id: 't_support', slug: 'support', name: 'Support' },
    { id: 't_jobs', slug: 'recruiting', name: 'Recruiting' },
  ],
  agents: [
    { id: 'agent_1', name: 'Ana Nowak', initials: 'an', avatarUrl: null, role: 'agent', presence: 'online', teamIds: ['t_support'], capacity: 5 },
    { id: 'agent_2', name: 'Ben Ortiz', initials: 'bo', avatarUrl: null, role: 'agent', presence: 'away', teamIds: ['t_jobs'], capacity: 5 },
  ],
  cannedReplies: [],
  ...overrides,
});

export function consoleEnv(agent: AgentProfile = defaultAgent) {
  const sockets: FakeSocket[] = [];
  let ids = 0;
  const controller = new ConsoleController({
    agent,
    newId: () => `c${++ids}`,
    onSessionEnded: () => {},
    createSocket: (handlers) =>
      new AgentSocket({
        url: 'ws://relay.test/ws/agent',
        token: 'tok',
        createSocket: (url) => {
          const socket = new FakeSocket(url);
          sockets.push(socket);
          return socket;
        },
        random: () => 0,
        ...handlers,
      }),
  });
  const { container, unmount } = mount(<ConsoleScreen controller={controller} onSignOut={vi.fn()} />);
  act(() => controller.start());
  const relay = () => sockets[sockets.length - 1]!;
  const deliver = (frame: unknown) => act(() => relay().deliver(frame));
  const sent = (type: string) => relay().sent.filter((frame) => (frame as { type: string }).type === type) as Array<Record<string, unknown>>;
  const connect = (queue: ConversationSummary[], directory: DirectoryFrame | null = directoryFrame()) => {
    act(() => relay().open());
    deliver({ type: 'welcome', v: 1, agent, queue });
    if (directory) deliver(directory);
  };
  const cleanup = () => {
    unmount();
    controller.stop();
  };
  return { container, controller, relay, deliver, sent, connect, cleanup };
}
