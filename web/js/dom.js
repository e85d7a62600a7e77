// Builds DOM nodes from data without ever parsing HTML: every piece of text goes through
// textContent or a Text node, so a message like <img src=x onerror=...> shows literally. Also the
// panels' status lines: say() one message, attempt() how one change went.

import { ApiError } from './api.js';

/**
 * el('li', {class: 'x', testid: 'feed-item', onclick: fn}, 'text', childNode, [more])
 * Props: text, class, testid, dataset, on<event>, value/checked/disabled (as properties),
 * anything else as an attribute. Attribute names always come from our code, never from data.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  append(node, children);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key === 'testid') node.dataset.testid = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'selected') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  return node;
}

/** Appends strings as Text nodes and nodes as they are; skips null/undefined/false; flattens arrays. */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children in one DOM operation (one layout instead of one per node); nodes may be one node or nested arrays. */
export function fill(parent, nodes) {
  const fragment = document.createDocumentFragment();
  append(fragment, [nodes]);
  parent.replaceChildren(fragment);
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing element #${id}`);
  return node;
}

/** Shows a one-line message in a status element; kind 'error' | 'ok' | 'busy' | '' styles it. */
export function say(node, text, kind = '') {
  node.textContent = text;
  node.dataset.state = kind;
}

/**
 * Runs one change a panel asks for and says in its status line how it went: "Working…", then
 * message(result) once reload() has brought the panel up to date, or why it failed. True when it
 * worked, so the caller clears its form only then.
 */
export async function attempt(status, call, message, reload) {
  say(status, 'Working…', 'busy');
  try {
    const result = await call();
    await reload();
    say(status, message(result), 'ok');
    return true;
  } catch (error) {
    say(status, error instanceof ApiError ? error.message : String(error), 'error');
    return false;
  }
}
