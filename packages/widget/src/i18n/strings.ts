/**
 * Every visitor-facing string of the panel, per language, in one place so a new language is one
 * more object here. The loader keeps its two launcher strings in `launcher-strings.ts` so the
 * 2 KB loader does not carry the panel's vocabulary.
 */
export interface PanelStrings {
  dialogLabel: (site: string) => string;
  close: string;
  messages: string;
  composerLabel: string;
  composerPlaceholder: string;
  send: string;
  you: string;
  sending: string;
  failed: string;
  retry: string;
  seen: string;
  human: string;
  bot: string;
  typing: (name: string) => string;
  joined: (name: string) => string;
  handoff: (from: string, to: string) => string;
  left: string;
  resolved: string;
  reopened: string;
  opened: string;
  connecting: string;
  reconnecting: string;
  unavailable: string;
  missed: (count: number) => string;
  /** In place of a message the team hid or deleted (issue 6). */
  removed: string;
  empty: string;
  tooLong: (max: number) => string;
  teamMember: string;
  /** Who answers on a team-scoped widget (careers: the recruiters). */
  teamLine: (team: string, names: string) => string;
  // Pre-chat form (issue 3).
  prechatIntro: string;
  nameLabel: string;
  emailLabel: string;
  topicLabel: string;
  topicChoose: string;
  privacyLink: string;
  startChat: string;
  fieldRequired: (label: string) => string;
  invalidEmail: string;
  consentRequired: string;
  // Callback requests (issue 3).
  callMeBack: string;
  callbackIntro: string;
  phoneLabel: string;
  preferredTimeLabel: string;
  preferredTimeHint: string;
  callbackNoteLabel: string;
  requestCallback: string;
  cancel: string;
  invalidPhone: string;
  callbackRequested: (phone: string, when: string | null) => string;
  callbackTaken: (name: string) => string;
  callbackOutcome: Record<'reached' | 'no_answer' | 'voicemail' | 'wrong_number' | 'cancelled', (name: string) => string>;
  // Rating after a resolution (issue 3).
  rateTitle: string;
  ratingLabel: (n: number) => string;
  rateComment: string;
  rateSend: string;
  notNow: string;
  rated: (n: number) => string;
  // Offline mode (issue 3).
  offlineTitle: string;
  offlineIntro: string;
  backAt: (time: string) => string;
  messageLabel: string;
  leaveMessage: string;
  awayNotice: string;
}

export const en: PanelStrings = {
  dialogLabel: (site) => (site ? `Chat with ${site}` : 'Chat'),
  close: 'Close chat',
  messages: 'Messages',
  composerLabel: 'Your message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  you: 'You',
  sending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  seen: 'Seen',
  human: 'Team',
  bot: 'Bot',
  typing: (name) => `${name} is typing…`,
  joined: (name) => `${name} joined the conversation`,
  handoff: (from, to) => `${from} handed the conversation to ${to}`,
  left: 'The conversation is waiting for the next available person',
  resolved: 'The conversation was marked as resolved',
  reopened: 'The conversation was reopened',
  opened: 'Conversation started',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  unavailable: 'Chat is unavailable right now.',
  missed: (count) => `${count} earlier ${count === 1 ? 'message is' : 'messages are'} no longer available`,
  removed: 'This message was removed by the team.',
  empty: 'Ask us anything. A real person will answer.',
  tooLong: (max) => `Messages can be at most ${max} characters long.`,
  teamMember: 'A team member',
  teamLine: (team, names) => `${team}: ${names}`,
  prechatIntro: 'Before we start, tell us a little about you.',
  nameLabel: 'Name',
  emailLabel: 'E-mail',
  topicLabel: 'Topic',
  topicChoose: 'Choose a topic',
  privacyLink: 'Privacy policy',
  startChat: 'Start chat',
  fieldRequired: (label) => `Please fill in: ${label}`,
  invalidEmail: 'Please enter a valid e-mail address.',
  consentRequired: 'Please agree to the privacy notice to chat.',
  callMeBack: 'Call me back',
  callbackIntro: 'Leave your number and we will call you.',
  phoneLabel: 'Phone number',
  preferredTimeLabel: 'When suits you?',
  preferredTimeHint: 'e.g. tomorrow after 3 pm',
  callbackNoteLabel: 'What is it about?',
  requestCallback: 'Request callback',
  cancel: 'Cancel',
  invalidPhone: 'Please enter a phone number (digits, optionally starting with +).',
  callbackRequested: (phone, when) => `You asked for a callback at ${phone}${when ? ` (${when})` : ''}`,
  callbackTaken: (name) => `${name} will call you back`,
  callbackOutcome: {
    reached: (name) => `${name} called you back`,
    no_answer: (name) => `${name} tried to call you but could not reach you`,
    voicemail: (name) => `${name} called and left you a voicemail`,
    wrong_number: (name) => `${name} could not reach you at this number`,
    cancelled: () => 'The callback was cancelled',
  },
  rateTitle: 'How did we do?',
  ratingLabel: (n) => `${n} of 5 stars`,
  rateComment: 'Anything to add? (optional)',
  rateSend: 'Send rating',
  notNow: 'Not now',
  rated: (n) => `You rated this conversation ${n} of 5. Thank you!`,
  offlineTitle: 'We are not online right now.',
  offlineIntro: 'Leave a message and we will get back to you by e-mail.',
  backAt: (time) => `We are back ${time}.`,
  messageLabel: 'Your message',
  leaveMessage: 'Leave message',
  awayNotice: 'Nobody is online right now. We will answer as soon as we are back.',
};

export const de: PanelStrings = {
  dialogLabel: (site) => (site ? `Chat mit ${site}` : 'Chat'),
  close: 'Chat schließen',
  messages: 'Nachrichten',
  composerLabel: 'Ihre Nachricht',
  composerPlaceholder: 'Nachricht schreiben…',
  send: 'Senden',
  you: 'Sie',
  sending: 'Wird gesendet…',
  failed: 'Nicht gesendet',
  retry: 'Erneut senden',
  seen: 'Gelesen',
  human: 'Team',
  bot: 'Bot',
  typing: (name) => `${name} schreibt…`,
  joined: (name) => `${name} ist dem Gespräch beigetreten`,
  handoff: (from, to) => `${from} hat das Gespräch an ${to} übergeben`,
  left: 'Das Gespräch wartet auf die nächste freie Person',
  resolved: 'Das Gespräch wurde als gelöst markiert',
  reopened: 'Das Gespräch wurde wieder geöffnet',
  opened: 'Gespräch begonnen',
  connecting: 'Verbindung wird aufgebaut…',
  reconnecting: 'Verbindung unterbrochen. Neuer Versuch…',
  unavailable: 'Der Chat ist gerade nicht erreichbar.',
  missed: (count) =>
    count === 1 ? '1 frühere Nachricht ist nicht mehr verfügbar' : `${count} frühere Nachrichten sind nicht mehr verfügbar`,
  removed: 'Diese Nachricht wurde vom Team entfernt.',
  empty: 'Fragen Sie uns etwas. Ein Mensch antwortet Ihnen.',
  tooLong: (max) => `Nachrichten dürfen höchstens ${max} Zeichen lang sein.`,
  teamMember: 'Ein Teammitglied',
  teamLine: (team, names) => `${team}: ${names}`,
  prechatIntro: 'Bevor es losgeht: Erzählen Sie uns kurz etwas über sich.',
  nameLabel: 'Name',
  emailLabel: 'E-Mail',
  topicLabel: 'Thema',
  topicChoose: 'Thema wählen',
  privacyLink: 'Datenschutzerklärung',
  startChat: 'Chat starten',
  fieldRequired: (label) => `Bitte ausfüllen: ${label}`,
  invalidEmail: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  consentRequired: 'Bitte stimmen Sie dem Datenschutzhinweis zu, um zu chatten.',
  callMeBack: 'Rückruf anfordern',
  callbackIntro: 'Hinterlassen Sie Ihre Nummer, wir rufen Sie an.',
  phoneLabel: 'Telefonnummer',
  preferredTimeLabel: 'Wann passt es Ihnen?',
  preferredTimeHint: 'z. B. morgen ab 15 Uhr',
  callbackNoteLabel: 'Worum geht es?',
  requestCallback: 'Rückruf anfordern',
  cancel: 'Abbrechen',
  invalidPhone: 'Bitte geben Sie eine Telefonnummer ein (Ziffern, optional mit + am Anfang).',
  callbackRequested: (phone, when) => `Sie haben einen Rückruf unter ${phone} angefordert${when ? ` (${when})` : ''}`,
  callbackTaken: (name) => `${name} ruft Sie zurück`,
  callbackOutcome: {
    reached: (name) => `${name} hat Sie zurückgerufen`,
    no_answer: (name) => `${name} hat versucht, Sie anzurufen, Sie aber nicht erreicht`,
    voicemail: (name) => `${name} hat angerufen und Ihnen eine Nachricht hinterlassen`,
    wrong_number: (name) => `${name} konnte Sie unter dieser Nummer nicht erreichen`,
    cancelled: () => 'Der Rückruf wurde abgesagt',
  },
  rateTitle: 'Wie zufrieden waren Sie?',
  ratingLabel: (n) => `${n} von 5 Sternen`,
  rateComment: 'Möchten Sie etwas ergänzen? (optional)',
  rateSend: 'Bewertung senden',
  notNow: 'Nicht jetzt',
  rated: (n) => `Sie haben dieses Gespräch mit ${n} von 5 bewertet. Vielen Dank!`,
  offlineTitle: 'Wir sind gerade nicht online.',
  offlineIntro: 'Hinterlassen Sie uns eine Nachricht, wir antworten Ihnen per E-Mail.',
  backAt: (time) => `Wir sind wieder da: ${time}.`,
  messageLabel: 'Ihre Nachricht',
  leaveMessage: 'Nachricht hinterlassen',
  awayNotice: 'Gerade ist niemand online. Wir antworten, sobald wir zurück sind.',
};

const PANEL_STRINGS: Record<string, PanelStrings> = { en, de };

/** The language the panel will actually speak: the locale if its strings exist, else English. */
export function panelLanguage(locale: string): string {
  return locale in PANEL_STRINGS ? locale : 'en';
}

export function panelStrings(locale: string): PanelStrings {
  return PANEL_STRINGS[panelLanguage(locale)]!;
}
