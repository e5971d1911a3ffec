/**
 * Which agents have a console open, on which relay node (issue 7). An agent is online while any
 * node has a console of theirs open; a node that shut down or died takes its consoles with it.
 * Each node counts its own consoles in a row per agent and refreshes `seen_at` on its rows; rows
 * not refreshed within the TTL belong to a dead node and are swept by whichever node looks first.
 * The agent's `presence` column (what routing reads) is derived here, under the agent row's lock,
 * so a console closing on one node and one opening on another never leave the wrong answer.
 */
export interface AgentRef {
  workspaceId: string;
  agentId: string;
}

export interface ConsoleStore {
  /** One more console of the agent on this node; the agent is online. */
  opened(nodeId: string, agent: AgentRef, now: number): Promise<void>;
  /**
   * One console fewer on this node. True when the agent has no console left on any live node
   * (seen since `liveSince`), in which case they were set offline.
   */
  closed(nodeId: string, agent: AgentRef, liveSince: number): Promise<boolean>;
  /** This node is alive: refreshes its rows. */
  heartbeat(nodeId: string, now: number): Promise<void>;
  /** Removes the consoles of nodes not heard from since `liveSince`; returns the agents that went offline. */
  sweep(liveSince: number): Promise<AgentRef[]>;
  /** This node stops: its consoles go; returns the agents that went offline. */
  closeNode(nodeId: string, liveSince: number): Promise<AgentRef[]>;
}
