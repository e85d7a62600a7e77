// Display formats shared by the panels: times in the viewer's locale, JSON pretty-printed.

/** RFC 3339 → local "YYYY-MM-DD HH:MM:SS"; anything unparsable is shown as it came. */
export function formatTime(value) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Strings as they are, everything else as indented JSON. */
export function show(value) {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}

export function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
