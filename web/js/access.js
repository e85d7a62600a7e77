// One channel's access card in Settings: allow and deny lists, pending requests with
// approve/deny, pairing token — the settings <channel>_allowlist, _denylist, _pending and
// _pair_token (API-CONTRACT §8). The card's element ids are the prefix plus allowlist,
// denylist, pending and pair-token (WhatsApp's: settings-allowlist, …). Lists are written
// newline-joined; a decision re-reads all three lists first, so a request that arrived
// meanwhile is not lost.

import { byId, el, fill } from './dom.js';
import { get, post } from './api.js';
import { joinList, parseList, withItem, without } from './lists.js';

const listField = { toValue: (text) => joinList(parseList(text)), toText: (v) => joinList(parseList(v)) };

/** run(doneMessage, action) reports progress and errors in the panel's status line. */
export function createAccessCard({ channel, prefix, run }) {
  const keys = {
    allow: `${channel}_allowlist`,
    deny: `${channel}_denylist`,
    pending: `${channel}_pending`,
  };
  const fields = [
    { id: `${prefix}allowlist`, key: keys.allow, ...listField },
    { id: `${prefix}denylist`, key: keys.deny, ...listField },
    { id: `${prefix}pair-token`, key: `${channel}_pair_token` },
  ];
  const pendingList = byId(`${prefix}pending`);

  for (const field of fields) {
    byId(`${field.id}-save`).addEventListener('click', () => save(field));
  }
  pendingList.addEventListener('click', (click) => {
    const button = click.target.closest('button[data-user]');
    if (button) decide(button.dataset.user, button.dataset.decision === 'approve');
  });

  async function load() {
    const values = await Promise.all(fields.map((field) => readSetting(field.key)));
    fields.forEach((field, i) => { byId(field.id).value = field.toText ? field.toText(values[i]) : values[i]; });
    await refreshLive();
  }

  /** The part that changes without the user: pending requests. */
  async function refreshLive() {
    renderPending(parseList(await readSetting(keys.pending)));
  }

  async function save(field) {
    const input = byId(field.id);
    const value = field.toValue ? field.toValue(input.value) : input.value.trim();
    await run(`Saved ${field.key}`, async () => {
      await writeSetting(field.key, value);
      input.value = field.toText ? field.toText(value) : value;
    });
  }

  // Moves the user out of pending into the chosen list (and out of the other one).
  async function decide(user, approve) {
    await run(`${approve ? 'Approved' : 'Denied'} ${user}`, async () => {
      const [allow, deny, pending] = (await Promise.all([keys.allow, keys.deny, keys.pending].map(readSetting)))
        .map(parseList);
      const [target, targetKey, other, otherKey] = approve
        ? [allow, keys.allow, deny, keys.deny] : [deny, keys.deny, allow, keys.allow];
      await writeSetting(targetKey, joinList(withItem(target, user)));
      if (other.includes(user)) await writeSetting(otherKey, joinList(without(other, user)));
      await writeSetting(keys.pending, joinList(without(pending, user)));
      byId(`${prefix}allowlist`).value = joinList(approve ? withItem(allow, user) : without(allow, user));
      byId(`${prefix}denylist`).value = joinList(approve ? without(deny, user) : withItem(deny, user));
      await refreshLive();
    });
  }

  function renderPending(users) {
    fill(pendingList, users.length
      ? users.map((user) => el('li', { testid: 'pending-item', dataset: { user } },
        el('span', { class: 'mono', text: user }),
        el('button', { type: 'button', class: 'small', testid: 'pending-approve', dataset: { user, decision: 'approve' }, text: 'Approve' }),
        el('button', { type: 'button', class: 'small', testid: 'pending-deny', dataset: { user, decision: 'deny' }, text: 'Deny' })))
      : el('li', { class: 'note', text: 'No pending requests.' }));
  }

  return { load, refreshLive };
}

export async function readSetting(key) {
  const answer = await get('/api/v1/settings', { key });
  return typeof answer?.value === 'string' ? answer.value : '';
}

export function writeSetting(key, value) {
  return post('/api/v1/settings', { key, value });
}
