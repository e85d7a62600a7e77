// The approvals panel: tool calls waiting for the owner's answer, oldest first, each with
// the tool and its tier, who asked on which channel and when, the arguments, and Approve /
// Deny buttons. The tab shows how many wait, whichever tab is open.

import { byId, el, fill, say } from './dom.js';
import { get, post } from './api.js';
import { formatTime } from './format.js';

const CODE_LENGTH = 4;

export function createApprovals({ openTrace }) {
  const list = byId('approvals-list');
  const status = byId('approvals-status');
  const count = byId('approvals-count');
  let signature = '';

  list.addEventListener('click', (click) => {
    const button = click.target.closest('button[data-approval-id]');
    if (button) answer(button.dataset.approvalId, button.dataset.decision === 'approve');
  });

  async function refresh() {
    let pending;
    try {
      pending = (await get('/api/v1/approvals/pending')) ?? [];
    } catch (error) {
      say(status, `Approvals: ${error.message}`, 'error');
      return;
    }
    count.textContent = String(pending.length);
    count.hidden = pending.length === 0;
    const next = JSON.stringify(pending.map((request) => request.approval_id));
    if (next === signature) return;
    signature = next;
    fill(list, pending.length ? pending.map((request) => render(request, openTrace))
      : el('li', { class: 'note', testid: 'approvals-none', text: 'No tool call is waiting for your approval.' }));
  }

  async function answer(id, approved) {
    list.querySelectorAll(`button[data-approval-id="${CSS.escape(id)}"]`).forEach((button) => { button.disabled = true; });
    say(status, 'Working…', 'busy');
    try {
      const result = await post(`/api/v1/approvals/${encodeURIComponent(id)}`, { approved });
      say(status, `${result?.status === 'approved' ? 'Approved' : 'Denied'} ${id.slice(0, CODE_LENGTH)}`, 'ok');
    } catch (error) {
      say(status, error.message, 'error');
    }
    signature = '';
    await refresh();
  }

  return { refresh };
}

function render(request, openTrace) {
  const id = request.approval_id;
  return el('li', { class: 'card approval', testid: 'approval-item', dataset: { approvalId: id } },
    el('div', { class: 'meta' },
      el('span', { class: 'badge warn', text: `tier ${request.tier}` }),
      el('strong', { class: 'mono', text: request.tool }),
      el('span', { text: `for ${request.sender || 'someone'} on ${request.channel || 'an unknown channel'}` }),
      el('time', { text: formatTime(request.created_at) }),
      el('span', { class: 'mono', title: 'Answer in chat with yes or no and this code', text: `code ${id.slice(0, CODE_LENGTH)}` })),
    request.arguments ? el('pre', { class: 'out', testid: 'approval-arguments', text: pretty(request.arguments) }) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', testid: 'approval-approve', dataset: { approvalId: id, decision: 'approve' }, text: 'Approve' }),
      el('button', { type: 'button', testid: 'approval-deny', dataset: { approvalId: id, decision: 'deny' }, text: 'Deny' }),
      request.trace_id ? el('button', { type: 'button', class: 'link', text: 'Open trace', onclick: () => openTrace(request.trace_id) }) : null));
}

// Arguments come as JSON text: indented when they parse, as they came otherwise.
function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
