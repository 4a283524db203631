/**
 * A minimal text PDF 1.4 writer: Helvetica, A4 pages of lines, an xref table with exact byte offsets.
 * Enough for a report an auditor can open, print and file, without a PDF library. Text outside
 * WinAnsi's printable ASCII is replaced by "?" (the standard 14 fonts carry no Unicode mapping).
 */
export interface PdfLine {
  text: string;
  /** Font size in points; headings use a larger size. */
  size?: number;
  bold?: boolean;
}

const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN = 50;
const MAX_CHARS = 100;

function escapeText(text: string): string {
  return text
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/\\/g, '\\\\')
    .replace(/\(/g, '\\(')
    .replace(/\)/g, '\\)');
}

/** Long lines are wrapped at spaces so nothing runs off the page. */
function wrap(line: PdfLine): PdfLine[] {
  const width = Math.floor((MAX_CHARS * 10) / (line.size ?? 10));
  if (line.text.length <= width) return [line];
  const out: PdfLine[] = [];
  let rest = line.text;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width) > width / 2 ? rest.lastIndexOf(' ', width) : width;
    out.push({ ...line, text: rest.slice(0, cut) });
    rest = '    ' + rest.slice(cut).trimStart();
  }
  out.push({ ...line, text: rest });
  return out;
}

function paginate(lines: PdfLine[]): PdfLine[][] {
  const pages: PdfLine[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  for (const line of lines.flatMap(wrap)) {
    const step = (line.size ?? 10) * 1.4;
    if (y - step < MARGIN + 20) {
      pages.push([]);
      y = PAGE_HEIGHT - MARGIN;
    }
    y -= step;
    pages[pages.length - 1].push(line);
  }
  return pages;
}

function pageStream(lines: PdfLine[], pageNumber: number, pageCount: number, footer: string): string {
  const parts = ['BT', `${MARGIN} ${PAGE_HEIGHT - MARGIN} Td`];
  for (const line of lines) {
    const size = line.size ?? 10;
    parts.push(`/${line.bold ? 'F2' : 'F1'} ${size} Tf`, `0 ${(-size * 1.4).toFixed(1)} Td`, `(${escapeText(line.text)}) Tj`);
  }
  parts.push('ET', 'BT', `/F1 8 Tf ${MARGIN} ${MARGIN} Td (${escapeText(`${footer} - page ${pageNumber} of ${pageCount}`)}) Tj`, 'ET');
  return parts.join('\n');
}

/** The PDF's bytes. `title` goes into the document information; `footer` on every page. */
export function renderPdf(title: string, lines: PdfLine[], footer: string): Buffer {
  const pages = paginate(lines);
  const objects: string[] = [];
  // 1 catalog, 2 pages, 3 and 4 fonts, 5 info, then a page and its content stream per page.
  const kids = pages.map((_, i) => `${6 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  objects.push(`<< /Title (${escapeText(title)}) /Producer (Sofie User Management) >>`);
  pages.forEach((page, i) => {
    const stream = pageStream(page, i + 1, pages.length, footer);
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${7 + i * 2} 0 R >>`,
    );
    objects.push(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  });
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
