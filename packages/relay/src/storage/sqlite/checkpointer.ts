/**
 * Starts and stops the checkpoint thread (checkpoint-worker.js) for one database file.
 */
import { Worker } from 'node:worker_threads';

export class Checkpointer {
  private readonly worker: Worker;

  constructor(file: string, onWarning: (message: string) => void, intervalMs = 50) {
    this.worker = new Worker(new URL('./checkpoint-worker.js', import.meta.url), { workerData: { file, intervalMs } });
    this.worker.on('message', (message: { warning?: string }) => {
      if (message.warning) onWarning(message.warning);
    });
    this.worker.on('error', (error) => onWarning(error.message));
    // A checkpointer must never keep the process alive on its own.
    this.worker.unref();
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
