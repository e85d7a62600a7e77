// The tasks panel: the agent's tasks newest first, filtered by status and channel, paged;
// choosing a row shows every field of that task and a link to its trace.

import { byId, el, fill, say } from './dom.js';
import { get } from './api.js';
import { formatTime, plural } from './format.js';

const PAGE = 50;
const DETAIL_FIELDS = ['task_id', 'trace_id', 'channel', 'chat_id', 'sender_id', 'message_type', 'status',
  'delivery_status', 'delivery_attempts', 'delivery_next_at', 'prompt_tokens', 'completion_tokens', 'total_tokens',
  'idempotency_key', 'created_at', 'updated_at', 'completed_at', 'content_in', 'content_out', 'error_text'];

export function createTasks({ openTrace }) {
  const body = byId('tasks-body');
  const status = byId('tasks-status-line');
  const detail = byId('task-detail');
  let offset = 0;
  let tasks = [];
  let signature = '';

  byId('tasks-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    refresh();
  });
  for (const id of ['tasks-status', 'tasks-channel']) {
    byId(id).addEventListener('change', () => {
      offset = 0;
      refresh();
    });
  }
  byId('tasks-prev').addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE);
    refresh();
  });
  byId('tasks-next').addEventListener('click', () => {
    if (tasks.length < PAGE) return;
    offset += PAGE;
    refresh();
  });
  body.addEventListener('click', (click) => {
    const button = click.target.closest('button[data-task-id]');
    if (button) showDetail(button.dataset.taskId);
  });

  async function refresh() {
    try {
      tasks = (await get('/api/v1/tasks', {
        status: byId('tasks-status').value, channel: byId('tasks-channel').value, limit: PAGE, offset,
      })) ?? [];
    } catch (error) {
      say(status, `Tasks: ${error.message}`, 'error');
      return;
    }
    const next = JSON.stringify([offset, tasks.map((t) => [t.task_id, t.status, t.delivery_status, t.total_tokens])]);
    if (next !== signature) {
      signature = next;
      fill(body, tasks.length ? tasks.map(renderRow) : el('tr', {}, el('td', { colspan: 6, class: 'note', text: 'No tasks.' })));
    }
    byId('tasks-page').textContent = `Page ${offset / PAGE + 1}`;
    byId('tasks-prev').disabled = offset === 0;
    byId('tasks-next').disabled = tasks.length < PAGE;
    say(status, plural(tasks.length, 'task'), 'ok');
  }

  async function showDetail(taskId) {
    detail.hidden = false;
    say(detail, 'Loading…', 'busy');
    let task;
    try {
      task = await get(`/api/v1/tasks/${encodeURIComponent(taskId)}`);
    } catch (error) {
      say(detail, `Task ${taskId}: ${error.message}`, 'error');
      return;
    }
    detail.dataset.state = '';
    fill(detail, [
      el('h3', { text: `Task ${task.task_id}` }),
      task.trace_id ? el('button', { type: 'button', testid: 'task-open-trace', text: 'Open trace', onclick: () => openTrace(task.trace_id) }) : null,
      el('dl', { class: 'facts' }, DETAIL_FIELDS.filter((key) => task[key] !== undefined && task[key] !== '')
        .map((key) => [el('dt', { text: key }), el('dd', { dataset: { field: key } }, fieldValue(key, task[key]))])),
    ]);
    detail.scrollIntoView({ block: 'nearest' });
  }

  return { refresh };
}

// Message texts and errors keep their line breaks in a box; short fields stay plain text.
function fieldValue(key, value) {
  if (key.endsWith('_at')) return formatTime(value);
  if (key.startsWith('content_') || key === 'error_text') return el('pre', { class: key === 'error_text' ? 'out error' : 'out', text: String(value) });
  return String(value);
}

function renderRow(task) {
  return el('tr', { testid: 'task-row', dataset: { taskId: task.task_id, status: task.status } },
    el('td', {}, el('button', { type: 'button', class: 'link', dataset: { taskId: task.task_id }, title: task.task_id, text: formatTime(task.created_at) })),
    el('td', { text: task.channel }),
    el('td', {}, el('span', { class: `badge status-${task.status}`, text: task.status })),
    el('td', { text: task.delivery_status }),
    el('td', { class: 'num', text: String(task.total_tokens ?? 0) }),
    el('td', { class: 'clip', text: task.content_in ?? '' }));
}
