/**
 * The agent socket lives on the same host as the console page (the relay serves both), so its
 * URL follows the page: wss on https pages, ws on http ones.
 */
export function agentSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/agent`;
}
