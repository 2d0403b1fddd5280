/**
 * Lessons and hints are a small subset of Markdown: # headings, paragraphs, - lists, indented
 * or fenced code, **bold** and `code`. Rendered for the terminal with colours, or as plain text.
 * A line `::visual name` is replaced by that picture.
 */
import pc from 'picocolors';

export interface RenderOptions {
  width: number;
  color: boolean;
  visual?: (name: string) => string | undefined;
}

function inline(text: string, color: boolean): string {
  if (!color) return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
  return text
    .replace(/\*\*(.+?)\*\*/g, (_, b) => pc.bold(b))
    .replace(/`([^`]+)`/g, (_, c) => pc.cyan(c));
}

/** Word-wraps plain words to `width` (markup is short and does not move breaks much). */
function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const visible = (line ? `${line} ${word}` : word).replace(/\*\*|`/g, '');
    if (visible.length + indent.length > width && line) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

export function renderMarkdown(source: string, options: RenderOptions): string {
  const { width, color } = options;
  const out: string[] = [];
  const blocks = source.replace(/\r\n/g, '\n').split(/\n\s*\n/);
  for (const block of blocks) {
    const trimmed = block.replace(/^\n+|\n+$/g, '');
    if (!trimmed) continue;
    const visual = /^::visual\s+(\S+)\s*$/.exec(trimmed);
    if (visual) {
      out.push(options.visual?.(visual[1]) ?? `[picture: ${visual[1]}]`);
    } else if (trimmed.startsWith('```')) {
      const code = trimmed.replace(/^```\w*\n?/, '').replace(/\n?```$/, '');
      out.push(
        code
          .split('\n')
          .map((l) => `    ${color ? pc.cyan(l) : l}`)
          .join('\n'),
      );
    } else if (trimmed.split('\n').every((l) => l.startsWith('    '))) {
      out.push(
        trimmed
          .split('\n')
          .map((l) => (color ? pc.cyan(l) : l))
          .join('\n'),
      );
    } else if (/^#{1,3} /.test(trimmed)) {
      const text = trimmed.replace(/^#+ /, '');
      out.push(color ? pc.bold(pc.underline(text)) : `${text}\n${'='.repeat(text.length)}`);
    } else if (/^[-*] /.test(trimmed)) {
      const items = trimmed
        .split(/\n(?=[-*] )/)
        .map((item) => item.replace(/^[-*] /, '').replace(/\n\s*/g, ' '));
      out.push(
        items
          .map((item) =>
            wrap(item, width, '  ')
              .map((l, i) => (i === 0 ? `•${l.slice(1)}` : l))
              .map((l) => inline(l, color))
              .join('\n'),
          )
          .join('\n'),
      );
    } else {
      out.push(
        wrap(trimmed.replace(/\n/g, ' '), width)
          .map((l) => inline(l, color))
          .join('\n'),
      );
    }
  }
  return out.join('\n\n');
}
