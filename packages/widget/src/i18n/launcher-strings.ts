/**
 * The few strings the loader itself draws (the launcher button). Kept apart from the panel's
 * strings because everything the loader imports counts against its 2 KB budget.
 */
export interface LauncherStrings {
  open: string;
  close: string;
  /** Follows the count: "Open chat, 2 unread". */
  unread: string;
}

const LAUNCHER_STRINGS: Record<string, LauncherStrings> = {
  en: { open: 'Open chat', close: 'Close chat', unread: 'unread' },
  de: { open: 'Chat öffnen', close: 'Chat schließen', unread: 'ungelesen' },
};

export function launcherStrings(locale: string): LauncherStrings {
  return LAUNCHER_STRINGS[locale] ?? LAUNCHER_STRINGS.en!;
}
