export * from './lib/distributions';
export * from './lib/descriptive';
export * from './lib/wilcoxon';
export * from './lib/paired-t';
export * from './lib/mcnemar';
export * from './lib/multiplicity';
export * from './lib/paired-summary';
export * from './lib/suppression';
