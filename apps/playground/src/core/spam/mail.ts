/**
 * What the classifier reads of a mail: its subject and the start of its body as plain text.
 * The other headers are dropped: in this corpus the routing headers alone give ham away (the
 * ham came through a few mailing lists), and a model that learned that would learn nothing
 * about spam. HTML tags, quoted-printable escapes and base64 blocks are removed, whitespace is
 * collapsed, and the text is cut to MAX_MAIL_CHARS.
 */

/** Characters kept per mail: the model reads at most a few hundred tokens anyway. */
export const MAX_MAIL_CHARS = 1200;

/** Splits a raw mail into its header block and body; a text without headers is all body. */
function splitHeaders(raw: string): { headers: string; body: string } {
  const text = raw.replace(/\r\n/g, '\n');
  const looksLikeMail = /^(From |[A-Za-z-]+: )/.test(text);
  const end = text.indexOf('\n\n');
  if (!looksLikeMail || end === -1) return { headers: '', body: text };
  return { headers: text.slice(0, end), body: text.slice(end + 2) };
}

function subjectOf(headers: string): string {
  const unfolded = headers.replace(/\n[ \t]+/g, ' ');
  const match = /^subject:[ \t]*(.*)$/im.exec(unfolded);
  return match ? match[1].trim() : '';
}

function plainBody(body: string): string {
  return (
    body
      // quoted-printable: soft line breaks, then escaped bytes (approximately, as Latin-1)
      .replace(/=\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      // base64 blocks: long lines of the base64 alphabet carry no words
      .replace(/^[A-Za-z0-9+/=]{60,}$/gm, ' ')
      // MIME part headers, their parameters, boundaries and the preamble
      .replace(/^--\S+$/gm, ' ')
      .replace(/^content-[a-z-]+:.*$/gim, ' ')
      .replace(/^\s*(charset|boundary|name|filename|format)=.*$/gim, ' ')
      .replace(/^this is a multi-part message in mime format\.?$/gim, ' ')
      // HTML: drop style and script blocks, then every tag, and the common entities
      .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/gi, ' ')
      .replace(/&amp;/gi, '&')
      .replace(/&lt;/gi, '<')
      .replace(/&gt;/gi, '>')
      .replace(/&#?[a-z0-9]+;/gi, ' ')
  );
}

/** A raw mail (or any text) as the classifier reads it. */
export function cleanMail(raw: string): string {
  const { headers, body } = splitHeaders(raw);
  const subject = subjectOf(headers);
  const text = `${subject ? `${subject}\n` : ''}${plainBody(body)}`;
  return text
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
    .slice(0, MAX_MAIL_CHARS);
}

/** Spam is class 1, ham class 0. */
export const LABELS = ['ham', 'spam'] as const;
