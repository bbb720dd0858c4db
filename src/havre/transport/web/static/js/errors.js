// Error codes of the wire contract → catalogue texts, falling back to the server's own message.
import { t, has, lang } from './i18n.js';

// The server's message is the safety pipeline's reason for these: catalogue text + reason. (For
// `muted` and `banned` the server's text only repeats ours; the end date and reason come as fields.)
const WITH_DETAIL = new Set(['rejected', 'held']);
// The server knows several reasons for these and says which one, in French: in French, show its text.
const SERVER_SAYS_WHY = new Set(['invalid_pseudo', 'invalid_postal_code']);

export function errorText(code, serverMessage = '') {
  const known = code && has(`errors.${code}`);
  if (known && serverMessage && SERVER_SAYS_WHY.has(code) && lang() === 'fr') return serverMessage;
  if (known && WITH_DETAIL.has(code) && serverMessage) return `${t(`errors.${code}`)} ${serverMessage}`;
  if (known) return t(`errors.${code}`);
  return serverMessage || t('errors.server_error');
}
