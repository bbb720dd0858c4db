// Error codes of the wire contract → catalogue texts, falling back to the server's own message.
import { t, has } from './i18n.js';

// For these codes the server's message carries the reason (e.g. why the safety pipeline refused).
const SERVER_DETAIL = new Set(['rejected', 'muted', 'banned', 'held']);

export function errorText(code, serverMessage = '') {
  const known = code && has(`errors.${code}`);
  if (known && SERVER_DETAIL.has(code) && serverMessage) return `${t(`errors.${code}`)} ${serverMessage}`;
  if (known) return t(`errors.${code}`);
  return serverMessage || t('errors.server_error');
}
