// The jobs panel: every scheduled job with its schedule, next run, last run (what became of it,
// and its trace), where it answers; pause/resume, run now and delete each one; add a job.

import { attempt, byId, el, fill, say } from './dom.js';
import { del, get, post } from './api.js';
import { formatTime, plural } from './format.js';

const WHEN = { in: 'in (e.g. 20m)', at: 'at (2026-03-01T09:00)', every: 'every (e.g. 1h)', cron: 'cron (0 9 * * 1-5)' };

export function createJobs({ openTrace }) {
  const body = byId('jobs-body');
  const status = byId('jobs-status');
  let signature = '';

  byId('jobs-when').addEventListener('change', () => {
    byId('jobs-when-value').placeholder = WHEN[byId('jobs-when').value];
  });
  byId('jobs-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const to = byId('jobs-to').value.trim();
    const colon = to.indexOf(':');
    const job = {
      name: byId('jobs-name').value.trim(), prompt: byId('jobs-prompt').value.trim(),
      [byId('jobs-when').value]: byId('jobs-when-value').value.trim(), time_zone: byId('jobs-zone').value.trim(),
      channel: colon > 0 ? to.slice(0, colon) : to, chat_id: colon > 0 ? to.slice(colon + 1) : '',
    };
    if (await act(() => post('/api/v1/jobs', job), (added) => `Added job #${added.id} "${added.name}".`)) {
      byId('jobs-prompt').value = '';
      byId('jobs-name').value = '';
    }
  });
  body.addEventListener('click', (click) => {
    const button = click.target.closest('button[data-action]');
    if (!button) return;
    const { action, jobId, traceId } = button.dataset;
    if (action === 'trace') openTrace(traceId);
    else if (action === 'delete') remove(jobId);
    else act(() => post(`/api/v1/jobs/${jobId}/${action}`), (job) => done(action, job));
  });

  async function refresh() {
    let jobs;
    try {
      jobs = (await get('/api/v1/jobs')) ?? [];
    } catch (error) {
      say(status, `Jobs: ${error.message}`, 'error');
      return;
    }
    const next = JSON.stringify(jobs.map((j) => [j.id, j.enabled, j.next_run_at, j.last_run_at, j.last_status,
      j.last_run_status]));
    if (next !== signature) {
      signature = next;
      fill(body, jobs.length ? jobs.map(renderRow)
        : el('tr', {}, el('td', { colspan: 7, class: 'note', text: 'No jobs. Ask the agent ("remind me in 20 minutes"), use `gomikrobot cron add`, or add one below.' })));
    }
    say(status, plural(jobs.length, 'job'), 'ok');
  }

  function remove(jobId) {
    if (window.confirm(`Delete job #${jobId}?`)) {
      act(() => del(`/api/v1/jobs/${jobId}`), (job) => `Deleted job #${job.id} "${job.name}".`);
    }
  }

  /** Runs one change, says how it went, and reloads the list, redrawn in full; true when it worked. */
  function act(call, message) {
    return attempt(status, call, message, () => {
      signature = '';
      return refresh();
    });
  }

  return { refresh };
}

function done(action, job) {
  const verbs = { pause: 'Paused', resume: 'Resumed', run: 'Started' };
  return `${verbs[action]} job #${job.id} "${job.name}".`;
}

/** What became of the last run: the task's state once it was handed to the agent, else why it did not run. */
function lastOutcome(job) {
  if (job.last_status !== 'dispatched' || !job.last_run_status) return job.last_status;
  return job.last_run_error ? `${job.last_run_status}: ${job.last_run_error}` : job.last_run_status;
}

function renderRow(job) {
  const outcome = lastOutcome(job);
  const id = String(job.id);
  return el('tr', { testid: 'job-row', dataset: { jobId: id, enabled: String(job.enabled) } },
    el('td', {}, el('strong', { text: job.name }), el('div', { class: 'note clip', title: job.prompt, text: job.prompt || 'the open items of HEARTBEAT.md' })),
    el('td', { text: job.schedule }),
    el('td', { dataset: { field: 'next' }, text: job.enabled ? (formatTime(job.next_run_at) || 'none') : 'paused' }),
    el('td', { dataset: { field: 'last' } },
      job.last_run_at ? [formatTime(job.last_run_at), ' ', el('span', { class: `badge status-${job.last_run_status || job.last_status}`, text: outcome })] : '—',
      job.last_trace_id ? [' ', el('button', { type: 'button', class: 'link', testid: 'job-trace', dataset: { action: 'trace', traceId: job.last_trace_id }, text: 'trace' })] : null),
    el('td', { text: `${job.channel}:${job.chat_id}` }),
    el('td', { class: 'num', text: String(job.run_count) }),
    el('td', { class: 'actions' },
      el('button', { type: 'button', class: 'small', testid: 'job-toggle', dataset: { action: job.enabled ? 'pause' : 'resume', jobId: id }, text: job.enabled ? 'Pause' : 'Resume' }),
      el('button', { type: 'button', class: 'small', testid: 'job-run', dataset: { action: 'run', jobId: id }, text: 'Run now' }),
      job.kind === 'heartbeat' ? null : el('button', { type: 'button', class: 'small', testid: 'job-delete', dataset: { action: 'delete', jobId: id }, text: 'Delete' })));
}
