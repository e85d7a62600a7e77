// The MCP servers card in Settings: each configured server's state, transport, tier,
// tools and, when it failed, why and when it is tried again (GET /api/v1/mcp);
// "Reload" applies config.json again (POST /api/v1/mcp/reload).

import { byId, el, fill, say } from './dom.js';
import { get, post } from './api.js';

export function createMcpServers() {
  const status = byId('mcp-status');
  byId('mcp-reload').addEventListener('click', reload);

  async function refresh() {
    try {
      render((await get('/api/v1/mcp'))?.servers ?? []);
    } catch (error) {
      say(status, `MCP servers: ${error.message}`, 'error');
    }
  }

  async function reload() {
    say(status, 'Reloading…', 'busy');
    try {
      render((await post('/api/v1/mcp/reload'))?.servers ?? []);
      say(status, 'Reloaded config.json; new servers are starting.', 'ok');
    } catch (error) {
      say(status, error.message, 'error');
    }
  }

  return { refresh };
}

function render(servers) {
  fill(byId('mcp-servers'), servers.length
    ? servers.map((server) => el('li', { testid: 'mcp-server', dataset: { state: server.state } },
      el('strong', { class: 'mono', text: server.name }),
      ` ${server.transport}, tier ${server.tier}: ${server.state}`,
      server.tools?.length ? el('div', { class: 'note mono', text: server.tools.join(', ') }) : null,
      server.detail ? el('div', { class: 'note', text: retry(server) }) : null))
    : el('li', { class: 'note', text: 'No MCP servers configured (tools.mcpServers in config.json).' }));
}

function retry(server) {
  const next = server.next_attempt_at ? `; next attempt ${new Date(server.next_attempt_at).toLocaleTimeString()}` : '';
  return `${server.detail}${next}`;
}
