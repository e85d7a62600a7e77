// The header: the LIVE/SILENT switch (setting silent_mode; the gateway's GET /settings says
// what it is in force, a missing row meaning SILENT) and the gateway's readiness, with the
// WhatsApp connection's state as /readyz reports it under channels.whatsapp, Telegram's (the
// bot's username and whether polling works) under channels.telegram when it runs, a warning
// when the agent's shell commands run without a sandbox (GET /api/v1/status, exec_sandboxed),
// and how many MCP servers are ready (/readyz, mcp). Whoever else needs GET /api/v1/status gets
// the header's answer through onStatus rather than asking the gateway a second time.

import { byId, say } from './dom.js';
import { get, post, probe } from './api.js';

const WHATSAPP_STATES = {
  connected: 'WhatsApp connected',
  connecting: 'WhatsApp connecting',
  reconnecting: 'WhatsApp reconnecting',
  unpaired: 'WhatsApp not paired',
  session_in_use: 'WhatsApp in use by another gateway',
  logged_out: 'WhatsApp logged out, pair again',
  client_outdated: 'WhatsApp refuses this client version',
  replaced: 'WhatsApp taken over by another device',
  stopped: 'WhatsApp stopped',
};

const TELEGRAM_STATES = {
  connected: 'polling',
  connecting: 'connecting',
  reconnecting: 'not polling, retrying',
  token_refused: 'has no usable token, run telegram-setup',
  stopped: 'stopped',
};

function telegramText(channel) {
  const bot = channel.account ? `${channel.account} ` : '';
  const text = `Telegram ${bot}${TELEGRAM_STATES[channel.state] ?? channel.state}`;
  if (!channel.next_attempt_at) return text;
  return `${text} at ${new Date(channel.next_attempt_at).toLocaleTimeString()}`;
}

function whatsappText(channel, connected) {
  if (!channel) {
    if (typeof connected !== 'boolean') return 'WhatsApp off';
    return connected ? 'WhatsApp connected' : 'WhatsApp disconnected';
  }
  const text = WHATSAPP_STATES[channel.state] ?? `WhatsApp ${channel.state}`;
  if (!channel.next_attempt_at) return text;
  return `${text}, next attempt ${new Date(channel.next_attempt_at).toLocaleTimeString()}`;
}

// "MCP 2/3 ready" (disabled servers not counted); the others' reasons go to the tooltip.
function mcpText(servers) {
  const active = Object.entries(servers ?? {}).filter(([, s]) => s.state !== 'disabled');
  if (!active.length) return { text: '', problems: [] };
  const ready = active.filter(([, s]) => s.state === 'ready').length;
  const problems = active.filter(([, s]) => s.state !== 'ready')
    .map(([name, s]) => `MCP ${name}: ${s.state}${s.detail ? ` (${s.detail})` : ''}`);
  return { text: `MCP ${ready}/${active.length} ready`, problems };
}

export function createHeader({ onStatus = () => {} } = {}) {
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
      ? 'Silent: the bot does not send WhatsApp or Telegram messages. Click to go live.'
      : 'Live: the bot sends WhatsApp and Telegram messages. Click to go silent.';
  }

  async function loadVersion() {
    if (version) return;
    try {
      const s = await get('/api/v1/status');
      version = s?.version ? `v${s.version}` : '';
      unsandboxed = s?.exec_sandboxed === false ? (s.exec_sandbox || 'exec is not sandboxed') : '';
      onStatus(s);
    } catch {
      // The version is decoration: readiness below reports a gateway that does not answer, and
      // the next refresh asks again (onStatus hears nothing until one answers).
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
    const whatsapp = answer.body?.channels?.whatsapp;
    parts.push(whatsappText(whatsapp, checks.whatsapp));
    const telegram = answer.body?.channels?.telegram;
    if (telegram) parts.push(telegramText(telegram));
    const mcp = mcpText(answer.body?.mcp);
    if (mcp.text) parts.push(mcp.text);
    if (unsandboxed) parts.push('exec is not sandboxed');
    if (version) parts.push(version);
    say(status, parts.join(' · '), ready ? 'ok' : 'error');
    status.dataset.whatsapp = String(checks.whatsapp ?? 'absent');
    status.dataset.whatsappState = whatsapp?.state ?? 'absent';
    status.dataset.telegramState = telegram?.state ?? 'absent';
    status.title = [whatsapp?.detail, telegram && `Telegram: ${telegram.detail}`, unsandboxed, ...mcp.problems]
      .filter(Boolean).join('\n');
  }

  return { refresh };
}
