import { describe, expect, it } from 'vitest';
import { splitMails } from '../src/core/spam/data.js';
import { cleanMail, MAX_MAIL_CHARS } from '../src/core/spam/mail.js';

const RAW = [
  'From someone@example.com  Thu Aug 22 16:17:00 2002',
  'Received: from mail.example.com (mail.example.com [10.0.0.1])',
  '\tby mx.example.org; Thu, 22 Aug 2002 11:16:59 -0400',
  'Subject: Re: Fw: FREE',
  '  membership =?',
  'Content-Type: text/html',
  '',
  '<html><style>p { color: red }</style><p>Click&nbsp;<b>here</b> to =',
  'win &amp; save</p></html>',
].join('\n');

describe('cleanMail', () => {
  it('keeps the (unfolded) subject and the body as plain text, dropping other headers', () => {
    expect(cleanMail(RAW)).toBe('Re: Fw: FREE membership =?\nClick here to win & save');
  });

  it('reads text without headers as it is, whitespace collapsed', () => {
    expect(cleanMail('  Hello   there,\n\n\n  Bob  ')).toBe('Hello there,\nBob');
  });

  it('drops the MIME preamble and part parameters', () => {
    const mime =
      'Subject: hi\n\nThis is a multi-part message in MIME format.\n------=_NextPart_000\nContent-Type: text/plain;\n\tcharset="iso-8859-1"\nHello';
    expect(cleanMail(mime)).toBe('hi\nHello');
  });

  it('drops base64 blocks and cuts long mail', () => {
    const b64 = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0';
    expect(cleanMail(`Subject: hi\n\nbefore\n${b64}\nafter`)).toBe('hi\nbefore\nafter');
    expect(cleanMail(`Subject: x\n\n${'word '.repeat(1000)}`)).toHaveLength(MAX_MAIL_CHARS);
  });
});

describe('splitMails', () => {
  it('removes duplicates and empties, and holds out 15% the same way every time', () => {
    const mails = Array.from({ length: 200 }, (_, i) => ({
      text: `mail ${i % 150}`,
      spam: i % 3 === 0,
    }));
    mails.push({ text: '', spam: false });
    const a = splitMails(mails);
    const b = splitMails(mails);
    expect(a.train.length + a.val.length).toBe(150);
    expect(a.val).toHaveLength(Math.round(150 * 0.15));
    expect(a).toEqual(b);
    const trainTexts = new Set(a.train.map((m) => m.text));
    expect(a.val.some((m) => trainTexts.has(m.text))).toBe(false);
  });
});
