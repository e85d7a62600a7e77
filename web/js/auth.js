// The token prompt: shown when any call answers 401; the token goes to sessionStorage (via
// api.setToken) and the page reloads its data.

import { byId } from './dom.js';
import { onUnauthorized, setToken } from './api.js';

export function installTokenPrompt({ onToken }) {
  const dialog = byId('auth-dialog');
  const input = byId('auth-token');

  onUnauthorized(() => {
    if (dialog.open) return;
    setToken('');
    input.value = '';
    dialog.showModal();
    input.focus();
  });
  byId('auth-form').addEventListener('submit', () => {
    const token = input.value.trim();
    if (!token) return;
    setToken(token);
    input.value = '';
    onToken();
  });
}
