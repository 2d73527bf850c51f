// first-load module
import { installPrompt, useStore } from '../app-events';

/** "Instalar app" while the browser offers installation (beforeinstallprompt). */
export function InstallButton() {
  const prompt = useStore(installPrompt);
  if (!prompt) return null;
  return (
    <button
      type="button"
      class="button secondary"
      onClick={async () => {
        await prompt.prompt();
        await prompt.userChoice.catch(() => undefined);
        installPrompt.set(null);
      }}
    >
      Instalar app na tela inicial
    </button>
  );
}
