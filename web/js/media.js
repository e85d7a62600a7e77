// Renders an event's image, audio or document from /media/. Without a dashboard token the
// browser loads the URL itself (lazily); with one, the file is fetched with the bearer header
// when it scrolls into view (an <img src> cannot carry the header) and shown from a blob URL.

import { el } from './dom.js';
import { getBlob, hasToken } from './api.js';
import { mediaKind, mediaUrl } from './events.js';

const pending = new WeakMap();
const observer = 'IntersectionObserver' in window
  ? new IntersectionObserver(onVisible, { rootMargin: '200px' })
  : null;

export function mediaNode(mediaPath) {
  const url = mediaUrl(mediaPath);
  const name = decodeURIComponent(url.split('/').pop());
  switch (mediaKind(mediaPath)) {
    case 'image':
      return viaToken(el('img', { class: 'media', alt: `image ${name}`, loading: 'lazy', decoding: 'async' }), 'src', url);
    case 'audio':
      return viaToken(el('audio', { class: 'media', controls: true, preload: 'none' }), 'src', url);
    default:
      return documentLink(url, name);
  }
}

function viaToken(node, attribute, url) {
  if (!hasToken()) {
    node.setAttribute(attribute, url);
    return node;
  }
  const load = () => loadBlob(url).then((blobUrl) => node.setAttribute(attribute, blobUrl))
    .catch((error) => node.replaceWith(el('span', { class: 'badge warn', text: `media: ${error.message}` })));
  if (observer) {
    pending.set(node, load);
    observer.observe(node);
  } else {
    load();
  }
  return node;
}

function documentLink(url, name) {
  if (!hasToken()) return el('a', { class: 'doc', href: url, target: '_blank', rel: 'noopener', text: `📄 ${name}` });
  return el('button', {
    type: 'button',
    class: 'doc',
    text: `📄 ${name}`,
    onclick: async (event) => {
      const button = event.currentTarget;
      try {
        const link = el('a', { href: await loadBlob(url), download: name });
        link.click();
      } catch (error) {
        button.textContent = `📄 ${name} (${error.message})`;
      }
    },
  });
}

async function loadBlob(url) {
  return URL.createObjectURL(await getBlob(url));
}

function onVisible(entries) {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    observer.unobserve(entry.target);
    const load = pending.get(entry.target);
    pending.delete(entry.target);
    if (load) load();
  }
}
