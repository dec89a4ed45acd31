// Code, version and name of each bundled item, in catalogue order: all the case list (the first
// screen) needs. In the browser build this module is generated from the catalogue validated at
// build time (scripts/catalog-plugin.ts), so the list never loads the full catalogue; in tests and
// on the server it is derived here.
import { CATALOG } from './index';

export interface ItemName {
  code: string;
  version: number;
  name: string;
}

export const CATALOG_NAMES: readonly ItemName[] = CATALOG.map(({ code, version, name }) => ({ code, version, name }));
