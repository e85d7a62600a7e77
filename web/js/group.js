// The group panel, its tab shown only when this gateway is configured for a Kafka group (app.js,
// from the header's GET /api/v1/status, group_enabled): whether it is in the group and connected,
// the roster (online or offline, tools), the tasks sent to and received from other members (with
// their traces), and the shared memory; a form sends a task, another shares an item.

import { attempt, byId, el, fill, say } from './dom.js';
import { get, post } from './api.js';
import { formatTime, plural } from './format.js';

const LIMIT = 50;

export function createGroup({ openTrace }) {
  const status = byId('group-status');
  const lists = {
    members: { body: byId('group-members'), columns: 4, empty: 'No member seen yet.', row: memberRow },
    tasks: { body: byId('group-tasks'), columns: 5, empty: 'No task sent or received yet.', row: taskRow },
    memory: { body: byId('group-memory'), columns: 3, empty: 'Nothing shared yet.', row: itemRow },
  };
  const signatures = {};

  byId('group-tasks').addEventListener('click', (click) => {
    const button = click.target.closest('button[data-trace-id]');
    if (button) openTrace(button.dataset.traceId);
  });
  byId('group-task-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const task = { to: byId('group-task-to').value.trim(), tool: byId('group-task-tool').value.trim(),
      description: byId('group-task-description').value.trim(), content: '' };
    act(() => post('/api/v1/group/tasks/submit', task), (sent) => `Sent task ${sent.task_id} to ${sent.responder_id}.`,
      'group-task-description');
  });
  byId('group-share-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const item = { title: byId('group-share-title').value.trim(), content: byId('group-share-content').value.trim() };
    act(() => post('/api/v1/group/memory', item), (shared) => `Shared item ${shared.item_id}.`, 'group-share-content');
  });

  async function refresh() {
    let state;
    let answers;
    try {
      [state, ...answers] = await Promise.all([get('/api/v1/group/status'), get('/api/v1/group/members'),
        get('/api/v1/group/tasks', { limit: LIMIT }), get('/api/v1/group/memory', { limit: LIMIT })]);
    } catch (error) {
      say(status, `Group: ${error.message}`, 'error');
      return;
    }
    ['members', 'tasks', 'memory'].forEach((name, i) => show(name, answers[i] ?? []));
    say(status, describe(state), state.active && state.connected ? 'ok' : 'error');
  }

  function show(name, rows) {
    const list = lists[name];
    const next = JSON.stringify(rows);
    if (next === signatures[name]) return;
    signatures[name] = next;
    fill(list.body, rows.length ? rows.map(list.row)
      : el('tr', {}, el('td', { colspan: list.columns, class: 'note', text: list.empty })));
  }

  /** Runs one request, says how it went and reloads; the form's main field is cleared only when it worked. */
  async function act(call, message, clearId) {
    if (await attempt(status, call, message, refresh)) byId(clearId).value = '';
  }

  return { refresh };
}

/** member_count is the status's own count of the roster's online members, the ones /members marks online. */
function describe(state) {
  if (!state.active) return 'Not in a group (POST /api/v1/group/join, or set group.enabled and group.groupName).';
  return `Group ${state.group_name} as ${state.agent_id}: ${plural(state.member_count, 'member')} online`
    + (state.connected ? '' : ' · brokers unreachable, retrying');
}

/** The contract sends a member's tools as JSON text (the original's column); tolerate an array too. */
function toolsOf(member) {
  if (Array.isArray(member.capabilities)) return member.capabilities;
  try {
    const tools = JSON.parse(member.capabilities || '[]');
    return Array.isArray(tools) ? tools : [];
  } catch {
    return [];
  }
}

function memberRow(m) {
  const tools = toolsOf(m).join(', ');
  return el('tr', { testid: 'group-member', dataset: { agentId: m.agent_id, status: m.status } },
    el('td', {}, el('strong', { text: m.agent_id }), m.model ? el('div', { class: 'note', text: m.model }) : null),
    el('td', {}, el('span', { class: `badge status-${m.status}`, text: m.status })),
    el('td', { class: 'clip', title: tools, text: tools }),
    el('td', { text: formatTime(m.last_seen) }));
}

function taskRow(t) {
  const outgoing = t.direction === 'outgoing';
  return el('tr', { testid: 'group-task', dataset: { taskId: t.task_id, status: t.status, direction: t.direction } },
    el('td', { text: outgoing ? `→ ${t.responder_id}` : `← ${t.requester_id}` }),
    el('td', {}, el('div', { class: 'clip', title: t.description, text: t.description }),
      t.response_content ? el('div', { class: 'note clip', title: t.response_content, text: t.response_content }) : null),
    el('td', {}, el('span', { class: `badge status-${t.status}`, text: t.status })),
    el('td', { text: formatTime(t.created_at) }),
    el('td', {}, t.trace_id ? el('button', { type: 'button', class: 'link', dataset: { traceId: t.trace_id }, text: 'trace' }) : '—'));
}

function itemRow(item) {
  return el('tr', { testid: 'group-item', dataset: { itemId: item.item_id } },
    el('td', { text: item.author_id }),
    el('td', {}, el('strong', { text: item.title || '(untitled)' }),
      el('div', { class: 'note clip', title: item.content, text: item.content })),
    el('td', { text: formatTime(item.created_at) }));
}
