export * from './types';
export * from './alerts';
export * from './staleness';
