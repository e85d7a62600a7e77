// What the dashboard knows about timeline events (API-CONTRACT §3.2, §10): which side of the
// feed they belong to, which are LLM/tool spans, where their media lives, and which one
// answers a web-chat message.

const IMAGE = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp']);
const AUDIO = new Set(['ogg', 'oga', 'opus', 'mp3', 'm4a', 'aac', 'wav', 'weba']);
const SPAN_CLASSES = new Set(['LLM', 'TOOL']);

/** The original's rule: the bot wrote it when it is SYSTEM or its event_id ends with _ACK. */
export function isFromBot(event) {
  return event.event_type === 'SYSTEM' || String(event.event_id).endsWith('_ACK');
}

export function isSpan(event) {
  return SPAN_CLASSES.has(event.classification);
}

export function isEmergency(event) {
  return event.classification === 'EMERGENCY';
}

/** The agent's reply in a trace: SYSTEM from AGENT, not a span, not the ack of the user's own input. */
export function isAgentAnswer(event) {
  return event.event_type === 'SYSTEM'
    && event.sender_id === 'AGENT'
    && !isSpan(event)
    && !String(event.event_id).startsWith('WEBUI_INPUT_ACK_');
}

/** Senders worth offering in the sender filter (the original leaves out *_ACK events). */
export function isListedSender(event) {
  return Boolean(event.sender_id) && !String(event.event_id).includes('_ACK');
}

/**
 * URL of an event's media under /media/: the part of media_path after "/media/", else
 * audio/<file name> (as the original). Each segment is encoded, so the path cannot leave /media/.
 */
export function mediaUrl(mediaPath) {
  const normal = String(mediaPath).replaceAll('\\', '/');
  const at = normal.lastIndexOf('/media/');
  const relative = at >= 0 ? normal.slice(at + '/media/'.length) : `audio/${normal.split('/').pop()}`;
  const segments = relative.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  return `/media/${segments.map(encodeURIComponent).join('/')}`;
}

/** 'image' | 'audio' | 'document', by file extension. */
export function mediaKind(mediaPath) {
  const name = String(mediaPath).split(/[\\/]/).pop().toLowerCase();
  const ext = name.includes('.') ? name.split('.').pop() : '';
  if (IMAGE.has(ext)) return 'image';
  if (AUDIO.has(ext) || String(mediaPath).includes('/audio/')) return 'audio';
  return 'document';
}
