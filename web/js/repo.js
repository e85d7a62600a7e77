// The repository panel for the work repo and the identity repo: file tree and file view,
// status, branches and checkout, log, diffs, commit, pull, push, init and pull requests.
// Every action shows the command's output, or its error, in the output area.

import { byId, el, fill, say } from './dom.js';
import { get, post } from './api.js';

const TREE_CAP = 3000;

export function createRepoPanel() {
  const select = byId('repo-select');
  const output = byId('repo-output');
  const fileView = byId('repo-file');
  const fileDiff = byId('repo-file-diff');
  let openFile = '';

  const scope = () => (select.value === 'identity' ? { repo: 'identity' } : {});
  const path = (route) => `/api/v1/repo/${route}${select.value === 'identity' ? '?repo=identity' : ''}`;

  select.addEventListener('change', load);
  byId('repo-refresh').addEventListener('click', load);
  byId('repo-tree').addEventListener('click', (click) => {
    const button = click.target.closest('button[data-path]');
    if (button) showFile(button.dataset.path);
  });
  fileDiff.addEventListener('click', () => action(`git diff -- ${openFile}`,
    () => get('/api/v1/repo/diff-file', { ...scope(), path: openFile }), (r) => r.diff || '(no changes)'));
  byId('repo-diff').addEventListener('click', () => action('git diff',
    () => get('/api/v1/repo/diff', scope()), (r) => r.diff || '(no changes)'));
  byId('repo-checkout').addEventListener('click', () => {
    const branch = byId('repo-branch').value;
    if (branch) mutate(`git checkout ${branch}`, () => post(path('checkout'), { branch }));
  });
  byId('repo-pull').addEventListener('click', () => mutate('git pull --ff-only', () => post(path('pull'))));
  byId('repo-push').addEventListener('click', () => mutate('git push', () => post(path('push'))));
  byId('repo-commit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId('repo-commit-message');
    const message = input.value.trim() || 'Update';
    mutate(`git commit -m "${message}"`, async () => {
      const result = await post(path('commit'), { message });
      input.value = '';
      return result;
    });
  });
  byId('repo-init-form').addEventListener('submit', (event) => {
    event.preventDefault();
    mutate('init', () => post(path('init'), { remote_url: byId('repo-remote').value.trim() }), () => 'Repository ready.');
  });
  byId('repo-pr-form').addEventListener('submit', (event) => {
    event.preventDefault();
    mutate('gh pr create', () => post(path('pr'), {
      title: byId('repo-pr-title').value,
      body: byId('repo-pr-body').value,
      base: byId('repo-pr-base').value,
      head: byId('repo-pr-head').value,
      draft: byId('repo-pr-draft').checked,
    }));
  });

  async function load() {
    byId('repo-path').textContent = select.value === 'identity' ? 'identity repo' : '';
    if (select.value !== 'identity') {
      get('/api/v1/workrepo').then((r) => { byId('repo-path').textContent = r?.path ?? ''; }).catch(() => {});
    }
    openFile = '';
    fileDiff.disabled = true;
    byId('repo-file-name').textContent = 'No file selected';
    fileView.textContent = '';
    await refreshState();
  }

  async function refreshState() {
    const status = await loadStatus();
    await Promise.all([loadBranches(currentBranch(status)), loadLog(), loadTree()]);
  }

  async function loadStatus() {
    const node = byId('repo-status');
    try {
      const result = await get('/api/v1/repo/status', scope());
      if (result?.error) {
        say(node, result.error.includes('not a git repository') ? 'Not initialized — use Init.' : result.error, 'error');
        return '';
      }
      say(node, [result?.status, result?.remote].filter(Boolean).join('\n').trimEnd() || '(clean)', 'ok');
      return result?.status ?? '';
    } catch (error) {
      say(node, error.message, 'error');
      return '';
    }
  }

  async function loadTree() {
    const tree = byId('repo-tree');
    try {
      const items = (await get('/api/v1/repo/tree', scope())) ?? [];
      const nodes = items.slice(0, TREE_CAP).map(treeItem);
      if (items.length > TREE_CAP) nodes.push(el('li', { class: 'note', text: `… ${items.length - TREE_CAP} more entries not shown` }));
      fill(tree, nodes.length ? nodes : el('li', { class: 'note', text: 'Empty repository.' }));
    } catch (error) {
      fill(tree, el('li', { class: 'error', text: error.message }));
    }
  }

  async function loadBranches(current) {
    const branchSelect = byId('repo-branch');
    try {
      const { branches = [] } = (await get('/api/v1/repo/branches', scope())) ?? {};
      fill(branchSelect, branches.map((name) => el('option', { value: name, text: name })));
      if (branches.includes(current)) branchSelect.value = current;
    } catch {
      fill(branchSelect, []);
    }
  }

  async function loadLog() {
    const log = byId('repo-log');
    try {
      const { commits = [] } = (await get('/api/v1/repo/log', { ...scope(), limit: 50 })) ?? {};
      fill(log, commits.length ? commits.map((line) => el('li', { testid: 'repo-log-item', text: line })) : el('li', { class: 'note', text: 'No commits.' }));
    } catch (error) {
      fill(log, el('li', { class: 'note', text: error.message }));
    }
  }

  async function showFile(filePath) {
    byId('repo-file-name').textContent = filePath;
    say(fileView, 'Loading…', 'busy');
    try {
      const file = await get('/api/v1/repo/file', { ...scope(), path: filePath });
      say(fileView, file?.content ?? '', 'ok');
      openFile = filePath;
      fileDiff.disabled = false;
    } catch (error) {
      say(fileView, error.message, 'error');
    }
  }

  /** Runs one repo call and shows its output; `render` picks the text out of the answer. */
  async function action(label, call, render = (r) => r?.result ?? '') {
    say(output, `$ ${label}\n…`, 'busy');
    try {
      const result = await call();
      say(output, `$ ${label}\n${render(result) || '(no output)'}`, 'ok');
      return true;
    } catch (error) {
      say(output, `$ ${label}\n${error.message}`, 'error');
      return false;
    }
  }

  async function mutate(label, call, render) {
    await action(label, call, render);
    await refreshState();
  }

  return { load };
}

// "## main...origin/main [ahead 1]" → "main"
function currentBranch(status) {
  const first = String(status).split('\n')[0];
  return first.startsWith('## ') ? first.slice(3).split('...')[0].split(' ')[0] : '';
}

function treeItem(item) {
  const node = item.type === 'dir'
    ? el('li', { class: 'dir', testid: 'repo-tree-item', text: `${item.name}/` })
    : el('li', { class: 'file', testid: 'repo-tree-item' },
      el('button', { type: 'button', class: 'link', dataset: { path: item.path }, title: item.path, text: item.name }));
  node.style.setProperty('--depth', String(Number(item.depth) || 0));
  return node;
}
