// Wiring: builds each panel, switches tabs (also by URL hash: #feed, #trace/<id>, #tasks,
// #jobs, #chat, #settings, #repo, #approvals, #group), and refreshes the header, the approvals waiting and
// the visible panel every 5 s unless paused or the page is hidden.

import { byId } from './dom.js';
import { createHeader } from './header.js';
import { createFeed } from './feed.js';
import { createTraceViewer } from './trace.js';
import { createTasks } from './tasks.js';
import { createJobs } from './jobs.js';
import { createChat } from './chat.js';
import { createSettings } from './settings.js';
import { createMcpServers } from './mcp.js';
import { createRepoPanel } from './repo.js';
import { createApprovals } from './approvals.js';
import { createGroup } from './group.js';
import { installTokenPrompt } from './auth.js';

const REFRESH_MS = 5000;
const TABS = ['feed', 'trace', 'tasks', 'jobs', 'chat', 'settings', 'repo', 'approvals', 'group'];

// The group tab shows only when this gateway has a group configured (it starts hidden); the panel
// stays reachable by #group anyway. The header fetches the status already, so it hands it over.
const header = createHeader({
  onStatus: (status) => { byId('tab-group').hidden = status?.group_enabled !== true; },
});
const openTrace = (traceId) => {
  const hash = `#trace/${encodeURIComponent(traceId)}`;
  if (location.hash === hash) route();
  else location.hash = hash;
};
const trace = createTraceViewer({ navigate: openTrace });
const feed = createFeed({ openTrace });
const tasks = createTasks({ openTrace });
const jobs = createJobs({ openTrace });
const chat = createChat({ openTrace });
const repo = createRepoPanel();
const approvals = createApprovals({ openTrace });
const group = createGroup({ openTrace });
// Tabs whose data changed elsewhere (the work repo switched in Settings) reload when shown.
const stale = new Set();
const settings = createSettings({ onWorkRepoChanged: () => stale.add('repo') });
const mcp = createMcpServers();

// What a tab does the first time it is shown, on every auto-refresh while visible, and on
// "Refresh" (reload, defaulting to first).
const panels = {
  feed: { first: () => feed.init(), tick: () => feed.refresh() },
  trace: { first: () => {}, tick: () => {}, reload: () => trace.load(byId('trace-id').value) },
  tasks: { first: () => tasks.refresh(), tick: () => tasks.refresh() },
  jobs: { first: () => jobs.refresh(), tick: () => jobs.refresh() },
  chat: { first: () => chat.init(), tick: () => {} },
  settings: {
    first: () => Promise.all([settings.load(), mcp.refresh()]),
    tick: () => Promise.all([settings.refreshLive(), mcp.refresh()]),
  },
  repo: { first: () => repo.load(), tick: () => {} },
  approvals: { first: () => approvals.refresh(), tick: () => {} }, // refreshed on every tick anyway
  group: { first: () => group.refresh(), tick: () => group.refresh() },
};
const opened = new Set();
let active = 'feed';
let paused = false;
let ticking = false;

function showTab(name, focus = false) {
  active = TABS.includes(name) ? name : 'feed';
  for (const tab of TABS) {
    const button = byId(`tab-${tab}`);
    const selected = tab === active;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    byId(`panel-${tab}`).hidden = !selected;
    if (selected && focus) button.focus();
  }
  if (!opened.has(active) || stale.delete(active)) {
    opened.add(active);
    panels[active].first();
  }
}

function route() {
  const [name, ...rest] = location.hash.replace(/^#/, '').split('/');
  showTab(name || 'feed');
  if (name === 'trace' && rest.length) trace.load(decodeURIComponent(rest.join('/')));
}

async function tick() {
  if (paused || ticking || document.hidden) return;
  ticking = true;
  try {
    await Promise.all([header.refresh(), approvals.refresh(), panels[active].tick()]);
  } finally {
    ticking = false;
  }
}

function refreshAll() {
  header.refresh();
  approvals.refresh();
  opened.clear();
  showTab(active);
}

const tablist = document.querySelector('[role="tablist"]');
tablist.addEventListener('click', (event) => {
  const tab = event.target.closest('[data-tab]');
  if (tab) location.hash = `#${tab.dataset.tab}`;
});
tablist.addEventListener('keydown', (event) => {
  const shown = TABS.filter((tab) => !byId(`tab-${tab}`).hidden); // the group's only with a group
  const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -shown.length, End: shown.length };
  if (!(event.key in moves)) return;
  event.preventDefault();
  const from = shown.indexOf(event.target.closest('[data-tab]')?.dataset.tab ?? active);
  const next = Math.min(shown.length - 1, Math.max(0, from + moves[event.key]));
  location.hash = `#${shown[next]}`;
  showTab(shown[next], true);
});

const pauseButton = byId('refresh-toggle');
pauseButton.addEventListener('click', () => {
  paused = !paused;
  pauseButton.textContent = paused ? 'Resume auto-refresh' : 'Pause auto-refresh';
  pauseButton.setAttribute('aria-pressed', String(!paused));
});
byId('refresh-now').addEventListener('click', () => {
  header.refresh();
  approvals.refresh();
  (panels[active].reload ?? panels[active].first)();
});

installTokenPrompt({ onToken: refreshAll });
window.addEventListener('hashchange', route);
header.refresh();
approvals.refresh();
route();
setInterval(tick, REFRESH_MS);
