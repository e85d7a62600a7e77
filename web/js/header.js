// The header: the LIVE/SILENT switch (setting silent_mode; the gateway's GET /settings says
// what it is in force, a missing row meaning SILENT), the gateway's readiness, and a warning
// when the agent's shell commands run without a sandbox (GET /api/v1/status, exec_sandboxed).

import { byId, say } from './dom.js';
import { get, post, probe } from './api.js';

export function createHeader() {
  const toggle = byId('silent-toggle');
  const status = byId('gateway-status');
  let silent = true;
  let version = '';
  let unsandboxed = '';

  toggle.addEventListener('click', async () => {
    toggle.disabled = true;
    try {
      await post('/api/v1/settings', { key: 'silent_mode', value: silent ? 'false' : 'true' });
      await loadMode();
    } catch (error) {
      say(status, `Mode: ${error.message}`, 'error');
    } finally {
      toggle.disabled = false;
    }
  });

  async function refresh() {
    await Promise.all([loadMode(), loadReadiness()]);
  }

  async function loadMode() {
    try {
      const settings = await get('/api/v1/settings');
      showMode(settings?.silent_mode !== false);
    } catch {
      toggle.dataset.mode = 'unknown';
    }
  }

  function showMode(isSilent) {
    silent = isSilent;
    toggle.textContent = silent ? 'SILENT' : 'LIVE';
    toggle.dataset.mode = silent ? 'silent' : 'live';
    toggle.setAttribute('aria-pressed', String(silent));
    toggle.title = silent
      ? 'Silent: the bot does not send WhatsApp messages. Click to go live.'
      : 'Live: the bot sends WhatsApp messages. Click to go silent.';
  }

  async function loadVersion() {
    if (version) return;
    try {
      const s = await get('/api/v1/status');
      version = s?.version ? `v${s.version}` : '';
      unsandboxed = s?.exec_sandboxed === false ? (s.exec_sandbox || 'exec is not sandboxed') : '';
    } catch {
      // The version is decoration: readiness below reports a gateway that does not answer.
    }
  }

  async function loadReadiness() {
    let answer;
    try {
      [answer] = await Promise.all([probe('/readyz'), loadVersion()]);
    } catch (error) {
      say(status, error.message, 'error');
      return;
    }
    if (answer.status === 401) {
      say(status, 'token needed', 'error');
      return;
    }
    const ready = answer.body?.status === 'ready';
    const checks = answer.body?.checks ?? {};
    const parts = [ready ? 'ready' : 'not ready'];
    if (checks.database === false) parts.push('database down');
    if (checks.agent === false) parts.push('agent down');
    if (typeof checks.whatsapp === 'boolean') parts.push(checks.whatsapp ? 'WhatsApp connected' : 'WhatsApp disconnected');
    else parts.push('WhatsApp off');
    if (unsandboxed) parts.push('exec is not sandboxed');
    if (version) parts.push(version);
    say(status, parts.join(' · '), ready ? 'ok' : 'error');
    status.title = unsandboxed;
    status.dataset.whatsapp = String(checks.whatsapp ?? 'absent');
  }

  return { refresh };
}
