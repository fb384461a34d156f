/**
 * Opened by scanning the web login QR code with WeChat: the mini-program code carries the
 * ticket in `scene` (URL-encoded, either the bare ticket or `ticket=…`/`t=…`); a plain link
 * carries `ticket`.
 */
export function ticketFrom(params: Record<string, string | undefined>): string {
  if (params.ticket) return decodeURIComponent(params.ticket);
  const scene = params.scene ? decodeURIComponent(params.scene) : '';
  if (!scene) return '';
  if (!scene.includes('=')) return scene;
  for (const pair of scene.split('&')) {
    const [k, v] = pair.split('=');
    if ((k === 'ticket' || k === 't') && v) return v;
  }
  return '';
}
