export * from './lib/iso-date';
export * from './lib/bank-holidays';
export * from './lib/working-days';
export * from './lib/london-time';
export * from './lib/monthly-pattern';
export * from './lib/recurrence';
export * from './lib/journey-schedule';
export * from './lib/icalendar';
