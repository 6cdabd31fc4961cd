/**
 * A large, valid organisation import: `icbs` new integrated care boards in the seeded Midlands region (Y60),
 * then primary-care members spread across them and the seeded ICBs, `rows` rows in all. About 50 bytes a row:
 * 20,000 rows make ~1 MB, a little more than the 880 KB file of the issue.
 */
export function organisationCsv(rows: number, icbs = 100): string {
  const lines = ['ods_code,name,type,system_ods_code,region_ods_code,valid_from,valid_to'];
  const seeded = ['QK1', 'QGH', 'QHL', 'QJ2', 'QJM', 'QNC', 'QOC', 'QPM', 'QT1', 'QUA', 'QWU'];
  const icbCode = (index: number) => `X${String(index).padStart(4, '0')}`;
  const systemOf = (index: number) => (index % 2 ? icbCode(index % icbs) : seeded[index % seeded.length]);
  for (let index = 0; index < icbs; index += 1)
    lines.push(`${icbCode(index)},NHS Bulk Test ${index} Integrated Care Board,icb,,Y60,01/07/2022,`);
  for (let index = 0; index < rows - icbs; index += 1)
    lines.push(
      `M${String(index).padStart(5, '0')},Surgery ${index},primary-care,${systemOf(index)},,01/04/2023,`,
    );
  return `${lines.join('\n')}\n`;
}
