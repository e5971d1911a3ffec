/**
 * The in-process bus for a single relay node. Delivery is synchronous, and a handler that throws
 * is reported without stopping delivery to the others.
 */
import type { Bus, BusHandler, BusMessage } from './bus.js';

export class MemoryBus implements Bus {
  private readonly handlers = new Map<string, Set<BusHandler>>();

  constructor(private readonly onHandlerError: (error: unknown) => void = () => {}) {}

  publish(topic: string, message: BusMessage): void {
    const handlers = this.handlers.get(topic);
    if (!handlers) return;
    for (const handler of [...handlers]) {
      try {
        handler(message);
      } catch (error) {
        this.onHandlerError(error);
      }
    }
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let handlers = this.handlers.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(topic, handlers);
    }
    handlers.add(handler);
    return () => {
      const current = this.handlers.get(topic);
      if (!current) return;
      current.delete(handler);
      if (current.size === 0) this.handlers.delete(topic);
    };
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
