/**
 * The npm entry: `createWidget` per instance, typed options and events, no globals. The panel is
 * a dynamic import inside the package, so Vite puts it in its own chunk, loaded on intent.
 */
import { createWidget } from '@eyelevel/widget';

const relayUrl = import.meta.env.VITE_RELAY_URL ?? 'http://localhost:8787';
const siteKey = import.meta.env.VITE_SITE_KEY ?? 'YOUR_SITE_KEY';
const status = document.getElementById('status')!;

const support = createWidget({ relayUrl, siteKey, position: 'right' });
support.on('open', () => (status.textContent = 'Support chat open.'));
support.on('unread', (detail) => {
  const { count } = detail as { count: number };
  document.title = count ? `(${count}) Store` : 'Store';
});

createWidget({
  relayUrl,
  siteKey,
  container: document.getElementById('recruiting'),
  context: { team: 'recruiting', jobId: 'FE-12', jobTitle: 'Frontend engineer' },
});
