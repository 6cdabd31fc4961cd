import { OrganisationType } from '@upstand/contracts';

/** NHS England Midlands and its integrated care boards (ODS codes), as at 2026. ICBs were established 1 July 2022. */
export const MIDLANDS_REGION = { odsCode: 'Y60', name: 'NHS England Midlands' };

export const ICB_VALID_FROM = '2022-07-01';

export const MIDLANDS_ICBS: { odsCode: string; name: string; isHomeSystem?: boolean }[] = [
  { odsCode: 'QHL', name: 'NHS Birmingham and Solihull Integrated Care Board' },
  { odsCode: 'QUA', name: 'NHS Black Country Integrated Care Board' },
  { odsCode: 'QWU', name: 'NHS Coventry and Warwickshire Integrated Care Board' },
  { odsCode: 'QJ2', name: 'NHS Derby and Derbyshire Integrated Care Board' },
  { odsCode: 'QGH', name: 'NHS Herefordshire and Worcestershire Integrated Care Board' },
  {
    odsCode: 'QK1',
    name: 'NHS Leicester, Leicestershire and Rutland Integrated Care Board',
    isHomeSystem: true,
  },
  { odsCode: 'QJM', name: 'NHS Lincolnshire Integrated Care Board' },
  { odsCode: 'QPM', name: 'NHS Northamptonshire Integrated Care Board' },
  { odsCode: 'QT1', name: 'NHS Nottingham and Nottinghamshire Integrated Care Board' },
  { odsCode: 'QOC', name: 'NHS Shropshire, Telford and Wrekin Integrated Care Board' },
  { odsCode: 'QNC', name: 'NHS Staffordshire and Stoke-on-Trent Integrated Care Board' },
];

export const SEED_PROVIDERS: {
  odsCode: string;
  name: string;
  type: OrganisationType;
  systemOdsCode: string;
  validFrom: string;
}[] = [
  {
    odsCode: 'RWE',
    name: 'University Hospitals of Leicester NHS Trust',
    type: 'acute-trust',
    systemOdsCode: 'QK1',
    validFrom: '2000-04-01',
  },
  {
    odsCode: 'RT5',
    name: 'Leicestershire Partnership NHS Trust',
    type: 'mental-health-community-trust',
    systemOdsCode: 'QK1',
    validFrom: '2002-04-01',
  },
  {
    odsCode: 'RP1',
    name: 'Northamptonshire Healthcare NHS Foundation Trust',
    type: 'mental-health-community-trust',
    systemOdsCode: 'QPM',
    validFrom: '2001-04-01',
  },
];
