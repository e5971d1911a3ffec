/**
 * The visitor's durable state in localStorage: the relay's session token (so a reload or another
 * page of the site returns to the same conversation), the outbox (so unsent messages survive a
 * reload) and how far the visitor has read (so the unread badge is right after a reload). Every
 * change re-reads before writing, so two tabs editing the outbox do not overwrite each other.
 * Nothing is written until there is something to keep.
 */
import type { VisitorClientFrame } from '@eyelevel/shared';
import { storageKey } from '../../core/storage-key.js';

/** A visitor action acked like a message (pre-chat answers, callback request, rating), sans id. */
export type OutboxAction = Extract<VisitorClientFrame, { type: 'profile' | 'callback' | 'csat' }> extends infer F
  ? F extends { id: string }
    ? Omit<F, 'id'>
    : never
  : never;

export interface OutboxEntry {
  id: string;
  /** A message's text ('' for actions). */
  text: string;
  at: number;
  /** Set for actions other than messages: the frame to (re)send with this id. */
  frame?: OutboxAction;
}

export interface SessionData {
  token: string | null;
  outbox: OutboxEntry[];
  readSeq: number;
}

const empty = (): SessionData => ({ token: null, outbox: [], readSeq: 0 });

function parse(text: string | null): SessionData {
  if (!text) return empty();
  try {
    const raw = JSON.parse(text) as Partial<SessionData>;
    return {
      token: typeof raw.token === 'string' ? raw.token : null,
      outbox: Array.isArray(raw.outbox)
        ? raw.outbox.filter((e) => e && typeof e.id === 'string' && typeof e.text === 'string')
        : [],
      readSeq: typeof raw.readSeq === 'number' ? raw.readSeq : 0,
    };
  } catch {
    return empty();
  }
}

export class SessionStore {
  private readonly key: string;
  /** Fallback when storage throws: the session lasts as long as the page. */
  private memory: SessionData | null = null;

  constructor(scope: string) {
    this.key = storageKey(scope);
  }

  read(): SessionData {
    try {
      return parse(localStorage.getItem(this.key));
    } catch {
      return this.memory ?? empty();
    }
  }

  update(change: (data: SessionData) => void): SessionData {
    const data = this.read();
    change(data);
    this.memory = data;
    try {
      if (data.token || data.outbox.length) localStorage.setItem(this.key, JSON.stringify(data));
      else localStorage.removeItem(this.key);
    } catch {
      // Private mode or quota: keep going in memory.
    }
    return data;
  }

  setToken(token: string | null): void {
    this.update((d) => {
      d.token = token;
    });
  }

  addOutbox(entry: OutboxEntry): void {
    this.update((d) => {
      if (!d.outbox.some((e) => e.id === entry.id)) d.outbox.push(entry);
    });
  }

  removeOutbox(id: string): void {
    if (!this.read().outbox.some((e) => e.id === id)) return;
    this.update((d) => {
      d.outbox = d.outbox.filter((e) => e.id !== id);
    });
  }

  setReadSeq(seq: number): void {
    if (this.read().readSeq >= seq) return;
    this.update((d) => {
      d.readSeq = seq;
    });
  }

  clear(): void {
    this.memory = null;
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Nothing stored.
    }
  }
}
