/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF, newlines inside
 * quotes) that keeps each record's line number and each field's column, because
 * every settlements-file error must name the row and column to fix. No dependency:
 * the format is simple and the error positions are the point.
 */

export interface CsvRecord {
  /** 1-based line on which the record starts (the header is line 1 in a plain file). */
  line: number;
  fields: string[];
}

/**
 * Blanks the comment lines of a CSV the planner writes (observations, status files): a
 * line whose first non-blank character is `#`. Line numbers stay as they are, so errors
 * still name the line in the file, and parseCsv skips the blank lines.
 *
 * @example parseCsv(withoutComments('# counts at the end of 2025\ndate,region\n')).records[0]   // { line: 2, fields: ['date', 'region'] }
 */
export function withoutComments(text: string): string {
  return text.split('\n').map((l) => (l.trimStart().startsWith('#') ? '' : l)).join('\n');
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; column: number; message: string };

export function parseCsv(text: string): CsvResult {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false;
  let fieldWasQuoted = false;
  const endField = () => { fields.push(fieldWasQuoted ? field : field.trim()); field = ''; fieldWasQuoted = false; };
  const endRecord = () => {
    endField();
    // Blank lines are skipped.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++;
        // After a closing quote only spaces, a comma or a line end may follow.
        while (text[i] === ' ' || text[i] === '\t') i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          return { ok: false, line, column: fields.length + 1, message: 'text after a closing quote' };
        }
        continue;
      }
      if (ch === '\n') line++;
      field += ch; i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') { quoted = true; fieldWasQuoted = true; field = ''; i++; continue; }
    if (ch === ',') { endField(); i++; continue; }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch; i++;
  }
  if (quoted) return { ok: false, line: recordLine, column: fields.length + 1, message: 'a quoted field that is never closed' };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}
