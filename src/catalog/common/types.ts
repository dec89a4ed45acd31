// Input shapes of the catalogue schema's parts (defaults still to be applied by the parse).
import type { ServiceItemInput } from '../../domain/schemas/catalog';

export type FieldInput = ServiceItemInput['fields'][number];
export type MaterialInput = ServiceItemInput['materials'][number];
export type RuleInput = ServiceItemInput['rules'][number];
export type AlternativeInput = NonNullable<ServiceItemInput['alternatives']>[number];
export type { ServiceItemInput };
