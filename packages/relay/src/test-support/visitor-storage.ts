/**
 * For unit tests of the storage and commit path: a migrated SQLite storage in a fresh temporary
 * folder, with one workspace, one site and one visitor, and a way to open web conversations.
 * Not part of the build (excluded in tsconfig.json).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, SQLITE_FILE_NAME, type SqliteOptions } from '../storage/sqlite/open-sqlite-storage.js';
import type { KyselyStorage } from '../storage/kysely/kysely-storage.js';
import type { AppendInput, Conversation, Visitor } from '../storage/records.js';
import { visitorAuthor } from '../conversations/authors.js';
import { hashToken } from '../security/tokens.js';

export interface VisitorStorage {
  storage: KyselyStorage;
  /** The SQLite file, for tests that open a second connection to it. */
  file: string;
  visitor: Visitor;
  newConversation(): Promise<Conversation>;
  /** The visitor's message `clientId` (its text too) for a conversation, ready to append. */
  message(conversationId: string, clientId: string): AppendInput;
  close(): Promise<void>;
}

export async function openVisitorStorage(label: string, options: SqliteOptions = {}): Promise<VisitorStorage> {
  const dir = mkdtempSync(join(tmpdir(), `eyelevel-${label}-`));
  const storage = openSqliteStorage(dir, options);
  await storage.migrate();
  const workspace = await storage.tenants.createWorkspace('W');
  const { site } = await storage.tenants.createSite({ workspaceId: workspace.id, name: 's', allowedOrigins: [] });
  const visitor = await storage.sessions.createVisitor({
    workspaceId: workspace.id,
    siteId: site.id,
    tokenHash: hashToken('t'),
    name: null,
    email: null,
  });
  return {
    storage,
    file: join(dir, SQLITE_FILE_NAME),
    visitor,
    async newConversation() {
      const { conversation } = await storage.conversations.create({
        workspaceId: workspace.id,
        siteId: site.id,
        visitor,
        channel: 'web',
        page: null,
        at: Date.now(),
      });
      return conversation;
    },
    message(conversationId, clientId) {
      return {
        workspaceId: workspace.id,
        conversationId,
        author: visitorAuthor(visitor),
        clientId,
        body: { kind: 'message', text: clientId },
        at: Date.now(),
      };
    },
    async close() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
