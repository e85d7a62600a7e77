// Settings: WhatsApp allow/deny lists and pending requests (approve/deny), pairing token,
// daily token limit with today's usage, repository paths, the LFS proxy URL. Each field
// saves on its own button; lists are written newline-joined (API-CONTRACT §8).

import { byId, el, fill, say } from './dom.js';
import { get, post } from './api.js';
import { joinList, parseList, withItem, without } from './lists.js';

const ALLOW = 'whatsapp_allowlist';
const DENY = 'whatsapp_denylist';
const PENDING = 'whatsapp_pending';

// Plain settings: input id → settings key, and how the typed text becomes the stored value.
const FIELDS = [
  { id: 'settings-allowlist', key: ALLOW, toValue: (text) => joinList(parseList(text)), toText: (v) => joinList(parseList(v)) },
  { id: 'settings-denylist', key: DENY, toValue: (text) => joinList(parseList(text)), toText: (v) => joinList(parseList(v)) },
  { id: 'settings-pair-token', key: 'whatsapp_pair_token' },
  { id: 'settings-daily-limit', key: 'daily_token_limit', toValue: tokenLimit },
  { id: 'settings-search-path', key: 'default_repo_search_path' },
  { id: 'settings-bot-repo', key: 'bot_repo_path' },
  { id: 'settings-lfs-url', key: 'kafscale_lfs_proxy_url' },
];

export function createSettings({ onWorkRepoChanged }) {
  const status = byId('settings-status');

  for (const field of FIELDS) {
    byId(`${field.id}-save`).addEventListener('click', () => saveField(field));
  }
  byId('settings-work-repo-save').addEventListener('click', () => saveWorkRepo(byId('settings-work-repo').value));
  byId('settings-search-run').addEventListener('click', findRepos);
  byId('settings-pending').addEventListener('click', (click) => {
    const button = click.target.closest('button[data-jid]');
    if (button) decide(button.dataset.jid, button.dataset.decision === 'approve');
  });

  async function load() {
    say(status, 'Loading…', 'busy');
    try {
      const values = await Promise.all(FIELDS.map((field) => readSetting(field.key)));
      FIELDS.forEach((field, i) => { byId(field.id).value = field.toText ? field.toText(values[i]) : values[i]; });
      byId('settings-work-repo').value = (await get('/api/v1/workrepo'))?.path ?? '';
      await refreshLive();
      say(status, '', '');
    } catch (error) {
      say(status, `Settings: ${error.message}`, 'error');
    }
  }

  /** The parts that change without the user: pending requests and today's usage. */
  async function refreshLive() {
    const [pending, usage] = await Promise.all([readSetting(PENDING), get('/api/v1/usage/today')]);
    renderPending(parseList(pending));
    const used = Number(usage?.used ?? 0);
    const limit = Number(usage?.limit ?? 0);
    byId('settings-usage').textContent = limit > 0 ? `${used} of ${limit} tokens` : `${used} tokens (no limit)`;
  }

  async function saveField(field) {
    const input = byId(field.id);
    let value;
    try {
      value = field.toValue ? field.toValue(input.value) : input.value.trim();
    } catch (error) {
      say(status, error.message, 'error');
      return;
    }
    await run(`Saved ${field.key}`, async () => {
      await writeSetting(field.key, value);
      input.value = field.toText ? field.toText(value) : value;
      if (field.key === 'daily_token_limit') await refreshLive();
    });
  }

  async function saveWorkRepo(path) {
    await run('Work repo changed', async () => {
      const answer = await post('/api/v1/workrepo', { path: path.trim() });
      byId('settings-work-repo').value = answer?.path ?? path;
      onWorkRepoChanged();
    });
  }

  async function findRepos() {
    await run('', async () => {
      const found = await get('/api/v1/repo/search');
      const repos = found?.repos ?? [];
      fill(byId('settings-search-results'), repos.length
        ? repos.map((path) => el('li', {}, el('button', {
          type: 'button', class: 'link', testid: 'settings-search-result', text: path,
          onclick: () => { byId('settings-work-repo').value = path; saveWorkRepo(path); },
        })))
        : el('li', { class: 'note', text: found?.root ? `No git repositories under ${found.root}` : 'Set a repo search path first.' }));
    });
  }

  // Moves the JID out of pending into the chosen list (and out of the other one), re-reading
  // all three lists first so a request that arrived meanwhile is not lost.
  async function decide(jid, approve) {
    await run(`${approve ? 'Approved' : 'Denied'} ${jid}`, async () => {
      const [allow, deny, pending] = (await Promise.all([ALLOW, DENY, PENDING].map(readSetting))).map(parseList);
      const [target, targetKey, other, otherKey] = approve ? [allow, ALLOW, deny, DENY] : [deny, DENY, allow, ALLOW];
      await writeSetting(targetKey, joinList(withItem(target, jid)));
      if (other.includes(jid)) await writeSetting(otherKey, joinList(without(other, jid)));
      await writeSetting(PENDING, joinList(without(pending, jid)));
      byId('settings-allowlist').value = joinList(approve ? withItem(allow, jid) : without(allow, jid));
      byId('settings-denylist').value = joinList(approve ? without(deny, jid) : withItem(deny, jid));
      await refreshLive();
    });
  }

  async function run(doneMessage, action) {
    say(status, 'Working…', 'busy');
    try {
      await action();
      say(status, doneMessage, doneMessage ? 'ok' : '');
    } catch (error) {
      say(status, error.message, 'error');
    }
  }

  return { load, refreshLive };
}

function renderPending(jids) {
  fill(byId('settings-pending'), jids.length
    ? jids.map((jid) => el('li', { testid: 'pending-item', dataset: { jid } },
      el('span', { class: 'mono', text: jid }),
      el('button', { type: 'button', class: 'small', testid: 'pending-approve', dataset: { jid, decision: 'approve' }, text: 'Approve' }),
      el('button', { type: 'button', class: 'small', testid: 'pending-deny', dataset: { jid, decision: 'deny' }, text: 'Deny' })))
    : el('li', { class: 'note', text: 'No pending requests.' }));
}

async function readSetting(key) {
  const answer = await get('/api/v1/settings', { key });
  return typeof answer?.value === 'string' ? answer.value : '';
}

function writeSetting(key, value) {
  return post('/api/v1/settings', { key, value });
}

function tokenLimit(text) {
  const trimmed = text.trim() || '0';
  if (!/^\d{1,12}$/.test(trimmed)) throw new Error('The daily token limit must be a whole number, 0 for unlimited');
  return String(Number(trimmed));
}
