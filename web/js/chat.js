// Web chat: pick or create a web user, link/unlink a WhatsApp JID, toggle force-send, send a
// message and follow the agent's answer: it grows as the model writes it (polling the partial-answer
// route, which carries the bearer token as every call here does) until the finished answer appears
// on the message's trace in the timeline.

import { byId, el, fill, say } from './dom.js';
import { ApiError, get, post } from './api.js';
import { isAgentAnswer } from './events.js';
import { formatTime } from './format.js';

const SELECTED_KEY = 'gomikrobot.dashboard.webuser';
const PARTIAL_MS = 300;
const TIMELINE_EVERY = 4; // partial polls per timeline poll: the finished answer is looked for about once a second
const GIVE_UP_MS = 5 * 60 * 1000;

export function createChat({ openTrace }) {
  const select = byId('webuser-select');
  const status = byId('chat-status');
  const log = byId('chat-log');
  const input = byId('chat-input');
  const jidInput = byId('weblink-jid');
  const forceBox = byId('webuser-force');
  let users = [];

  select.addEventListener('change', () => {
    sessionStorage.setItem(SELECTED_KEY, select.value);
    showUser();
  });
  byId('webuser-form').addEventListener('submit', (event) => {
    event.preventDefault();
    createUser();
  });
  byId('weblink-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveLink(jidInput.value.trim());
  });
  byId('weblink-remove').addEventListener('click', () => saveLink(''));
  forceBox.addEventListener('change', saveForce);
  byId('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  });

  function selected() {
    return users.find((user) => String(user.id) === select.value) ?? null;
  }

  async function init() {
    await loadUsers(sessionStorage.getItem(SELECTED_KEY) ?? '');
  }

  async function loadUsers(chosenId) {
    try {
      users = (await get('/api/v1/webusers')) ?? [];
    } catch (error) {
      say(status, `Web users: ${error.message}`, 'error');
      return;
    }
    fill(select, [el('option', { value: '', text: '— choose —' }),
      users.map((user) => el('option', { value: String(user.id), text: user.name }))]);
    select.value = users.some((user) => String(user.id) === chosenId) ? chosenId : '';
    await showUser();
  }

  async function showUser() {
    const user = selected();
    for (const id of ['weblink-jid', 'weblink-save', 'weblink-remove', 'webuser-force', 'chat-input', 'chat-send']) {
      byId(id).disabled = !user;
    }
    forceBox.checked = Boolean(user?.force_send);
    jidInput.value = '';
    if (!user) {
      say(status, 'Choose or create a web user to chat.', '');
      return;
    }
    try {
      const link = await get('/api/v1/weblinks', { web_user_id: user.id });
      jidInput.value = link?.whatsapp_jid ?? '';
      say(status, link?.whatsapp_jid ? `${user.name} is linked to ${link.whatsapp_jid}` : `${user.name} has no WhatsApp link`, 'ok');
    } catch (error) {
      say(status, `Link: ${error.message}`, 'error');
    }
  }

  async function createUser() {
    const nameInput = byId('webuser-name');
    const name = nameInput.value.trim();
    if (!name) {
      say(status, 'Enter a name for the new web user', 'error');
      return;
    }
    try {
      const user = await post('/api/v1/webusers', { name });
      nameInput.value = '';
      sessionStorage.setItem(SELECTED_KEY, String(user.id));
      await loadUsers(String(user.id));
    } catch (error) {
      say(status, `Create user: ${error.message}`, 'error');
    }
  }

  async function saveLink(jid) {
    const user = selected();
    if (!user) return;
    try {
      await post('/api/v1/weblinks', { web_user_id: user.id, whatsapp_jid: jid });
      await showUser();
    } catch (error) {
      say(status, `Link: ${error.message}`, 'error');
    }
  }

  async function saveForce() {
    const user = selected();
    if (!user) return;
    try {
      await post('/api/v1/webusers/force', { web_user_id: user.id, force_send: forceBox.checked });
      user.force_send = forceBox.checked;
      say(status, `Force send ${forceBox.checked ? 'on' : 'off'} for ${user.name}`, 'ok');
    } catch (error) {
      forceBox.checked = !forceBox.checked;
      say(status, `Force send: ${error.message}`, 'error');
    }
  }

  async function send() {
    const user = selected();
    const message = input.value;
    if (!user || message.trim() === '') return;
    byId('chat-send').disabled = true;
    let reply;
    try {
      reply = await post('/api/v1/webchat/send', { web_user_id: user.id, message });
    } catch (error) {
      say(status, `Send: ${error.message}`, 'error');
      return;
    } finally {
      byId('chat-send').disabled = false;
    }
    input.value = '';
    log.append(el('li', { class: 'bubble mine', testid: 'chat-message' },
      el('span', { class: 'who', text: user.name }), el('p', { class: 'text', text: message })));
    const answer = el('li', { class: 'bubble bot', testid: 'chat-answer', dataset: { state: 'waiting', traceId: reply?.trace_id ?? '' } },
      el('span', { class: 'who', text: 'Agent' }), el('p', { class: 'text', text: 'Waiting for the answer…' }));
    log.append(answer);
    answer.scrollIntoView({ block: 'nearest' });
    say(status, `Message ${reply?.status ?? 'sent'}`, 'ok');
    if (!reply?.trace_id) {
      showAnswer(answer, 'failed', 'The gateway did not return a trace id, so the answer cannot be followed here; see the timeline.');
      return;
    }
    await awaitAnswer(answer, reply.trace_id);
  }

  async function awaitAnswer(answer, traceId) {
    const deadline = Date.now() + GIVE_UP_MS;
    for (let tick = 1; Date.now() < deadline; tick++) {
      await new Promise((resolve) => setTimeout(resolve, PARTIAL_MS));
      try {
        await showPartial(answer, traceId);
        if (tick % TIMELINE_EVERY !== 0) continue;
        const events = (await get('/api/v1/timeline', { trace_id: traceId, limit: 50 })) ?? [];
        const found = events.find(isAgentAnswer);
        if (found) {
          showAnswer(answer, 'answered', found.content_text ?? '', found, traceId);
          return;
        }
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          showAnswer(answer, 'failed', 'Not authorized to read the answer.');
          return;
        }
      }
    }
    showAnswer(answer, 'failed', 'No answer after 5 minutes.', null, traceId);
  }

  // The text so far; a trace the gateway no longer follows (a restart) simply waits for the timeline.
  async function showPartial(answer, traceId) {
    let partial;
    try {
      partial = await get('/api/v1/webchat/partial', { trace_id: traceId });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return;
      throw error;
    }
    if (partial?.text) {
      answer.dataset.state = 'writing';
      answer.querySelector('p.text').textContent = partial.text;
    }
  }

  function showAnswer(answer, state, text, event = null, traceId = '') {
    answer.dataset.state = state;
    fill(answer, [
      el('span', { class: 'who', text: event ? `Agent · ${formatTime(event.timestamp)}` : 'Agent' }),
      el('p', { class: state === 'failed' ? 'text error' : 'text', text }),
      traceId ? el('button', { type: 'button', class: 'small', text: 'Open trace', onclick: () => openTrace(traceId) }) : null,
    ]);
  }

  return { init };
}
