// The timeline feed: inbound on the left, outbound on the right, filtered by sender,
// authorization and trace, paged with limit/offset. Items are built once per change into a
// DocumentFragment and handled through one delegated click listener, so 1,000 events render
// in one layout pass.

import { byId, el, fill, say } from './dom.js';
import { get, post } from './api.js';
import { isEmergency, isFromBot, isListedSender, isSpan } from './events.js';
import { formatTime, plural } from './format.js';
import { mediaNode } from './media.js';
import { copyText } from './copy.js';

const AUTH_FILTER_KEY = 'default_auth_filter';
const LIMIT_KEY = 'gomikrobot.dashboard.feedLimit';

export function createFeed({ openTrace }) {
  const list = byId('feed-list');
  const status = byId('feed-status');
  const senderSelect = byId('feed-sender');
  const authSelect = byId('feed-auth');
  const traceInput = byId('feed-trace');
  const spansBox = byId('feed-spans');
  const limitSelect = byId('feed-limit');
  const senders = new Map();
  let offset = 0;
  let shown = [];
  let signature = '';
  let loaded = 0;

  const savedLimit = sessionStorage.getItem(LIMIT_KEY);
  if ([...limitSelect.options].some((option) => option.value === savedLimit)) limitSelect.value = savedLimit;
  limitSelect.addEventListener('change', () => sessionStorage.setItem(LIMIT_KEY, limitSelect.value));

  byId('feed-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    refresh();
  });
  for (const control of [senderSelect, authSelect, spansBox, limitSelect]) {
    control.addEventListener('change', () => {
      offset = 0;
      refresh();
    });
  }
  authSelect.addEventListener('change', () => {
    post('/api/v1/settings', { key: AUTH_FILTER_KEY, value: authSelect.value }).catch(() => {});
  });
  byId('feed-prev').addEventListener('click', () => page(-1));
  byId('feed-next').addEventListener('click', () => page(1));
  list.addEventListener('click', onItemClick);

  // The authorization filter applies here in the browser, so the events load while the saved filter is read.
  async function init() {
    await refresh(restoreAuthFilter());
  }

  async function restoreAuthFilter() {
    try {
      const saved = await get('/api/v1/settings', { key: AUTH_FILTER_KEY });
      if (['authorized', 'unauthorized', 'all'].includes(saved?.value)) authSelect.value = saved.value;
    } catch {
      // Keep the default filter; refresh() reports connection problems.
    }
  }

  /** `before` (optional) is a promise to settle before the events are filtered and drawn. */
  async function refresh(before = null) {
    const limit = Number(limitSelect.value);
    say(status, 'Loading…', 'busy');
    let events;
    try {
      const [answer] = await Promise.all([get('/api/v1/timeline', {
        limit, offset, sender: senderSelect.value, trace_id: traceInput.value.trim(),
      }), before]);
      events = answer ?? [];
    } catch (error) {
      say(status, `Timeline: ${error.message}`, 'error');
      return;
    }
    loaded = events.length;
    rememberSenders(events);
    shown = events.filter(passesFilters);
    const next = `${limit}|${offset}|${authSelect.value}|${spansBox.checked}|${events.length}|`
      + `${events[0]?.id}|${events.at(-1)?.id}|${senderSelect.value}|${traceInput.value}`;
    if (next !== signature) {
      signature = next;
      fill(list, shown.map(renderEvent));
      markRendered(shown.length);
    }
    byId('feed-page').textContent = `Page ${Math.floor(offset / limit) + 1}`;
    byId('feed-prev').disabled = offset === 0;
    byId('feed-next').disabled = events.length < limit;
    say(status, `${plural(shown.length, 'event')} shown of ${events.length} loaded`, 'ok');
  }

  function page(direction) {
    const limit = Number(limitSelect.value);
    if (direction > 0 && loaded < limit) return;
    offset = Math.max(0, offset + direction * limit);
    refresh();
  }

  function filterByTrace(traceId) {
    traceInput.value = traceId;
    offset = 0;
    return refresh();
  }

  function passesFilters(event) {
    if (!spansBox.checked && isSpan(event)) return false;
    if (authSelect.value === 'authorized') return event.authorized !== false;
    if (authSelect.value === 'unauthorized') return event.authorized === false;
    return true;
  }

  function rememberSenders(events) {
    let added = false;
    for (const event of events) {
      if (!isListedSender(event) || senders.has(event.sender_id)) continue;
      senders.set(event.sender_id, event.sender_name || '');
      added = true;
    }
    if (!added) return;
    const chosen = senderSelect.value;
    const options = [...senders.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, name]) => el('option', { value: id, text: name && name !== id ? `${name} (${id})` : id }));
    fill(senderSelect, [el('option', { value: '', text: 'All senders' }), options]);
    senderSelect.value = chosen;
  }

  async function onItemClick(click) {
    const button = click.target.closest('button[data-action]');
    if (!button) return;
    const event = shown[Number(button.closest('li').dataset.index)];
    if (!event) return;
    if (button.dataset.action === 'trace') {
      openTrace(event.trace_id);
      return;
    }
    try {
      await copyText(event.content_text ?? '');
      button.textContent = 'Copied';
    } catch (error) {
      button.textContent = `Copy failed: ${error.message}`;
    }
    setTimeout(() => { button.textContent = 'Copy'; }, 1500);
  }

  return { init, refresh, filterByTrace };
}

// A performance mark once the new list is painted (a task queued from the frame callback runs after the
// frame), so the first render of a long feed can be measured from navigation start.
function markRendered(count) {
  requestAnimationFrame(() => setTimeout(() => performance.mark('feed-rendered', { detail: { events: count } })));
}

function renderEvent(event, index) {
  const outbound = isFromBot(event);
  const classes = ['event', outbound ? 'out' : 'in'];
  if (event.authorized === false) classes.push('unauth');
  if (isEmergency(event)) classes.push('emergency');
  if (isSpan(event)) classes.push('span');
  const sender = event.sender_name && event.sender_name !== event.sender_id
    ? `${event.sender_name} · ${event.sender_id}` : event.sender_id;
  return el('li', {
    class: classes.join(' '),
    testid: 'feed-item',
    dataset: { index: String(index), eventId: event.event_id, traceId: event.trace_id ?? '', direction: outbound ? 'out' : 'in' },
  },
  el('div', { class: 'meta' },
    el('span', { class: 'sender', text: sender || '(unknown)' }),
    el('time', { datetime: event.timestamp, text: formatTime(event.timestamp) }),
    event.classification ? el('span', { class: 'badge', testid: 'feed-classification', text: event.classification }) : null,
    event.authorized === false ? el('span', { class: 'badge warn', testid: 'feed-unauthorized', text: 'UNAUTHORIZED' }) : null),
  event.content_text ? el('p', { class: 'text', testid: 'feed-text', text: event.content_text }) : null,
  event.media_path ? mediaNode(event.media_path) : null,
  el('div', { class: 'actions' },
    el('button', { type: 'button', class: 'small', testid: 'feed-copy', dataset: { action: 'copy' }, text: 'Copy' }),
    event.trace_id ? el('button', { type: 'button', class: 'small', testid: 'feed-open-trace', dataset: { action: 'trace' }, text: 'Open trace' }) : null));
}
