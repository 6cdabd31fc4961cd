/**
 * Staff headcounts for the demo's organisations, so reach per 1,000 staff has figures to show. Not reference
 * data: in a real deployment leads enter or import their own. The NHS trusts' and ICBs' figures are of the size
 * NHS Workforce Statistics publishes (as at 31 March); the synthetic providers stand for several employers each
 * (an adult social care figure is an annual estimate, so a year older).
 */
export const PILOT_HEADCOUNTS: { odsCode: string; headcount: number; asOf: string }[] = [
  { odsCode: 'QK1', headcount: 420, asOf: '2026-03-31' },
  { odsCode: 'RWE', headcount: 18_150, asOf: '2026-03-31' },
  { odsCode: 'RT5', headcount: 6_080, asOf: '2026-03-31' },
  { odsCode: 'SYNLP1', headcount: 4_700, asOf: '2026-03-31' },
  { odsCode: 'SYNLS1', headcount: 24_500, asOf: '2025-03-31' },
  { odsCode: 'QPM', headcount: 350, asOf: '2026-03-31' },
  { odsCode: 'RP1', headcount: 5_450, asOf: '2026-03-31' },
  { odsCode: 'SYNNA1', headcount: 10_600, asOf: '2026-03-31' },
  { odsCode: 'QT1', headcount: 480, asOf: '2026-03-31' },
  { odsCode: 'SYNTA1', headcount: 24_300, asOf: '2026-03-31' },
  { odsCode: 'SYNTM1', headcount: 9_400, asOf: '2026-03-31' },
  { odsCode: 'QJ2', headcount: 410, asOf: '2026-03-31' },
  { odsCode: 'SYNDA1', headcount: 20_800, asOf: '2026-03-31' },
  { odsCode: 'QWU', headcount: 380, asOf: '2026-03-31' },
  { odsCode: 'SYNCA1', headcount: 19_700, asOf: '2026-03-31' },
  { odsCode: 'QJM', headcount: 330, asOf: '2026-03-31' },
  { odsCode: 'SYNLA1', headcount: 9_600, asOf: '2026-03-31' },
];
