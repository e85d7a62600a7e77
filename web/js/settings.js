// Settings: each channel's access card (access.js: allow/deny lists, pending requests, pairing
// token), daily token limit with today's usage, repository paths, the LFS proxy URL. Each field
// saves on its own button.

import { byId, el, fill, say } from './dom.js';
import { get, post } from './api.js';
import { createAccessCard, readSetting, writeSetting } from './access.js';

// Plain settings: input id → settings key, and how the typed text becomes the stored value.
const FIELDS = [
  { id: 'settings-daily-limit', key: 'daily_token_limit', toValue: tokenLimit },
  { id: 'settings-search-path', key: 'default_repo_search_path' },
  { id: 'settings-bot-repo', key: 'bot_repo_path' },
  { id: 'settings-lfs-url', key: 'kafscale_lfs_proxy_url' },
];

export function createSettings({ onWorkRepoChanged }) {
  const status = byId('settings-status');
  const cards = [
    createAccessCard({ channel: 'whatsapp', prefix: 'settings-', run }),
    createAccessCard({ channel: 'telegram', prefix: 'settings-telegram-', run }),
  ];

  for (const field of FIELDS) {
    byId(`${field.id}-save`).addEventListener('click', () => saveField(field));
  }
  byId('settings-work-repo-save').addEventListener('click', () => saveWorkRepo(byId('settings-work-repo').value));
  byId('settings-search-run').addEventListener('click', findRepos);

  async function load() {
    say(status, 'Loading…', 'busy');
    try {
      const values = await Promise.all(FIELDS.map((field) => readSetting(field.key)));
      FIELDS.forEach((field, i) => { byId(field.id).value = values[i]; });
      byId('settings-work-repo').value = (await get('/api/v1/workrepo'))?.path ?? '';
      await Promise.all(cards.map((card) => card.load()));
      await refreshUsage();
      say(status, '', '');
    } catch (error) {
      say(status, `Settings: ${error.message}`, 'error');
    }
  }

  /** The parts that change without the user: pending requests and today's usage. */
  async function refreshLive() {
    await Promise.all([...cards.map((card) => card.refreshLive()), refreshUsage()]);
  }

  async function refreshUsage() {
    const usage = await get('/api/v1/usage/today');
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
      input.value = value;
      if (field.key === 'daily_token_limit') await refreshUsage();
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

function tokenLimit(text) {
  const trimmed = text.trim() || '0';
  if (!/^\d{1,12}$/.test(trimmed)) throw new Error('The daily token limit must be a whole number, 0 for unlimited');
  return String(Number(trimmed));
}
