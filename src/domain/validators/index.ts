// Validators for what agents type: each returns a Validation with stable codes and Chinese advice.
export * from './normalise';
export * from './province-codes';
export * from './date';
export * from './id-number';
export * from './id-card-validity';
export * from './uscc';
export * from './division-code';
export * from './mobile';
export * from './bank-card';
export * from './person-name';
export * from './business-name';
export * from './business-scope';
export * from './disability-card';
