// The list format of the whatsapp_* settings (API-CONTRACT §8): read a JSON array of strings
// or items separated by commas/newlines; write newline-joined. Items trimmed and deduplicated.

export function parseList(text) {
  const raw = String(text ?? '').trim();
  if (raw === '') return [];
  let items = null;
  if (raw.startsWith('[')) {
    try {
      const parsed = JSON.parse(raw);
      if (Array.isArray(parsed)) items = parsed.map((item) => String(item));
    } catch {
      items = null;
    }
  }
  if (items === null) items = raw.split(/[,\n]/);
  return [...new Set(items.map((item) => item.trim()).filter((item) => item !== ''))];
}

export function joinList(items) {
  return [...new Set(items.map((item) => String(item).trim()).filter((item) => item !== ''))].join('\n');
}

export function without(items, item) {
  return items.filter((candidate) => candidate !== item);
}

export function withItem(items, item) {
  return items.includes(item) ? items : [...items, item];
}
