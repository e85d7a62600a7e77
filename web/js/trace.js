// The trace viewer: for one trace id, the task (status, tokens, delivery), every span in time
// order with its metadata (LLM prompts and answers, tool arguments, results, errors,
// durations), the policy decisions and any approval the trace waited for. "Copy as JSON"
// copies the gateway's answer verbatim.

import { byId, el, fill, say } from './dom.js';
import { get } from './api.js';
import { formatTime, show } from './format.js';
import { copyText } from './copy.js';

// Shown first, in this order; any other metadata key follows alphabetically.
const KEY_ORDER = ['tool_name', 'arguments', 'result', 'error', 'duration_ms', 'model', 'prompt_tokens',
  'completion_tokens', 'total_tokens', 'finish_reason', 'temperature', 'max_tokens', 'tool_calls',
  'system_prompt', 'last_user_message', 'response_text', 'channel', 'sender', 'message_type', 'content',
  'delivery_status'];
const TASK_FIELDS = ['task_id', 'status', 'delivery_status', 'channel', 'prompt_tokens', 'completion_tokens',
  'total_tokens', 'created_at', 'completed_at'];

/** navigate(traceId) puts the trace in the URL, which brings it back here through load(). */
export function createTraceViewer({ navigate }) {
  const input = byId('trace-id');
  const status = byId('trace-status');
  const view = byId('trace-view');
  const copyButton = byId('trace-copy');
  let current = null;
  let latest = 0; // only the newest request may draw, however the answers interleave

  byId('trace-form').addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(input.value.trim());
  });
  copyButton.addEventListener('click', async () => {
    if (!current) return;
    try {
      await copyText(JSON.stringify(current, null, 2));
      say(status, 'Trace copied as JSON', 'ok');
    } catch (error) {
      say(status, `Copy failed: ${error.message}`, 'error');
    }
  });

  async function load(rawId) {
    const traceId = String(rawId ?? '').trim();
    input.value = traceId;
    current = null;
    copyButton.disabled = true;
    if (!traceId) {
      say(status, 'Enter a trace id', 'error');
      view.replaceChildren();
      return;
    }
    say(status, 'Loading…', 'busy');
    const mine = ++latest;
    let answer;
    try {
      answer = await get(`/api/v1/trace/${encodeURIComponent(traceId)}`);
    } catch (error) {
      if (mine !== latest) return;
      say(status, `Trace: ${error.message}`, 'error');
      view.replaceChildren();
      return;
    }
    if (mine !== latest) return;
    current = answer;
    const spans = inTimeOrder(current?.spans ?? []);
    const decisions = current?.policy_decisions ?? [];
    fill(view, [renderTask(current?.task), renderSpans(spans), renderDecisions(decisions),
      renderApprovals(current?.approvals ?? [])]);
    copyButton.disabled = false;
    say(status, `${spans.length} spans, ${decisions.length} policy decisions`, 'ok');
  }

  return { load };
}

// The gateway lists spans newest first (API-CONTRACT §5.1); reversed they are in time order.
// Span times are only HH:MM:SS, so sorting on them would scramble spans within one second.
function inTimeOrder(spans) {
  return [...spans].reverse();
}

function renderTask(task) {
  if (!task) return el('p', { class: 'note', testid: 'trace-task', text: 'No task recorded for this trace.' });
  return el('dl', { class: 'card facts', testid: 'trace-task' },
    TASK_FIELDS.filter((key) => task[key] !== undefined && task[key] !== null)
      .map((key) => [el('dt', { text: key }), el('dd', { dataset: { field: key }, text: key.endsWith('_at') ? formatTime(task[key]) : String(task[key]) })]));
}

function renderSpans(spans) {
  const rows = spans.map((span, index) => {
    const meta = span.metadata ?? {};
    const failed = typeof meta.error === 'string' && meta.error !== '';
    return el('li', {
      class: `span type-${String(span.type).toLowerCase()}${failed ? ' failed' : ''}`,
      testid: 'trace-span',
      dataset: { type: span.type, spanId: span.id, index: String(index) },
    },
    el('details', {},
      el('summary', {},
        el('span', { class: 'badge', text: span.type }),
        el('time', { text: span.time }),
        el('span', { class: 'title', text: span.title }),
        span.duration ? el('span', { class: 'duration', text: span.duration }) : null,
        failed ? el('span', { class: 'badge warn', text: 'error' }) : null,
        summaryLine(span, meta) ? el('span', { class: 'output', text: summaryLine(span, meta) }) : null),
      renderMetadata(meta)));
  });
  return el('ol', { class: 'spans', testid: 'trace-spans' }, rows.length ? rows : el('li', { class: 'note', text: 'No spans.' }));
}

// An LLM call that asked for tools has no response text; naming the tools says what it did.
function summaryLine(span, meta) {
  if (span.output) return span.output;
  const calls = Array.isArray(meta.tool_calls) ? meta.tool_calls.map((call) => call?.name).filter(Boolean) : [];
  return calls.length ? `→ tools: ${calls.join(', ')}` : '';
}

function renderMetadata(meta) {
  const keys = Object.keys(meta);
  const ordered = [...KEY_ORDER.filter((key) => keys.includes(key)), ...keys.filter((key) => !KEY_ORDER.includes(key)).sort()];
  if (ordered.length === 0) return el('p', { class: 'note', text: 'No metadata.' });
  return el('dl', { class: 'facts' }, ordered.map((key) => [
    el('dt', { text: key }),
    el('dd', { dataset: { field: key } }, el('pre', { class: key === 'error' ? 'out error' : 'out', text: show(meta[key]) })),
  ]));
}

function renderDecisions(decisions) {
  const rows = decisions.map((decision) => el('tr', { testid: 'trace-policy', dataset: { allowed: String(decision.allowed) } },
    el('td', { text: decision.time ?? '' }),
    el('td', { text: decision.tool }),
    el('td', { text: String(decision.tier) }),
    el('td', {}, el('span', { class: decision.allowed ? 'badge ok' : 'badge warn', text: decision.allowed ? 'allowed' : 'denied' })),
    el('td', { text: decision.reason ?? '' })));
  return el('div', { class: 'scroll-x' },
    el('h3', { text: 'Policy decisions' }),
    el('table', { class: 'grid', testid: 'trace-policies' },
      el('thead', {}, el('tr', {}, ['Time (UTC)', 'Tool', 'Tier', 'Decision', 'Reason'].map((h) => el('th', { text: h })))),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 5, class: 'note', text: 'No policy decisions.' })))));
}

// Shown only for a trace that waited for the owner.
function renderApprovals(approvals) {
  if (approvals.length === 0) return null;
  return el('div', { class: 'scroll-x' },
    el('h3', { text: 'Approvals' }),
    el('table', { class: 'grid', testid: 'trace-approvals' },
      el('thead', {}, el('tr', {}, ['Asked', 'Tool', 'Tier', 'For', 'Answer'].map((h) => el('th', { text: h })))),
      el('tbody', {}, approvals.map((approval) => el('tr', { testid: 'trace-approval', dataset: { status: approval.status } },
        el('td', { text: approval.time ?? '' }),
        el('td', { text: approval.tool }),
        el('td', { text: String(approval.tier) }),
        el('td', { text: `${approval.sender || 'someone'} on ${approval.channel || '?'}` }),
        el('td', {}, el('span', { class: approval.status === 'approved' ? 'badge ok' : 'badge warn', text: approval.status })))))));
}
