import type { Column, Workbook, Worksheet } from 'exceljs';

/**
 * Text that a spreadsheet program could take for a formula when it is typed, pasted or saved as
 * CSV: =, +, -, @, tab or carriage return at the start (OWASP "CSV injection").
 */
export const looksLikeFormula = (text: string) => /^[=+\-@\t\r]/.test(text);

/**
 * The one formula guard of every spreadsheet the product writes (service requests, voters,
 * nominations, proxies). Cells are only ever written as plain strings or numbers, which an xlsx
 * stores as text, never as a formula; a cell whose text looks like one also gets the Text number
 * format (`@`), so Excel and WPS keep it text when someone edits the cell or saves the sheet
 * again. The text itself is left exactly as typed: no apostrophe shows in the cell.
 * Call it once the rows are written.
 */
export function guardFormulas(sheet: Worksheet) {
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && looksLikeFormula(cell.value)) cell.numFmt = '@';
    }),
  );
}

/**
 * A new workbook dated `now`. exceljs is loaded here, on the first export only: it is large and
 * most cold starts never need it.
 */
export async function newWorkbook(now: Date) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = now;
  return workbook;
}

/** A sheet whose first row is its columns' headers, in bold. */
export function headedSheet(workbook: Workbook, name: string, columns: Partial<Column>[]): Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  return sheet;
}
