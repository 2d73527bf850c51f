// first-load module: the page's only entry — open the database, render, register the service worker.
import { render } from 'preact';
import { openDatabase } from './db/database';
import { replayJournal } from './db/put-now';
import { App } from './ui/App';
import { installPrompt, offlineReady, updateAvailable, type BeforeInstallPromptEvent } from './ui/app-events';
import './ui/styles.css';

const db = openDatabase();
// Edits saved at the last moment before a tab closed go back into their rows before anything renders.
void replayJournal(db)
  .catch((error) => console.error('journal replay failed', error))
  .finally(() => {
    const root = document.getElementById('app')!;
    root.textContent = ''; // drop the boot placeholder
    render(<App db={db} />, root);
  });

window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  installPrompt.set(event as BeforeInstallPromptEvent);
});
window.addEventListener('appinstalled', () => installPrompt.set(null));

// Another tab opened a newer database version: offer the reload like an app update.
db.on('versionchange', () => {
  db.close();
  updateAvailable.set({ apply: async () => location.reload() });
  return false;
});

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  void import('virtual:pwa-register').then(({ registerSW }) => {
    const updateSW = registerSW({
      immediate: true,
      onNeedRefresh: () => updateAvailable.set({ apply: () => updateSW(true) }),
      onOfflineReady: () => offlineReady.set(true),
    });
  });
}
