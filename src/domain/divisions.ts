// Division code arithmetic (GB/T 2260 + the 12-digit statistical codes): a 12-digit village code
// contains its township (first 9 digits + 000) and its county (first 6 digits).
export const townshipOf = (villageCode: string) => `${villageCode.slice(0, 9)}000`;
export const countyOf = (code: string) => code.slice(0, 6);

/** The names of a person's places, as far as the caller knows them (e.g. a 个体户 name starts with one). */
export interface PlaceNames {
  province?: string;
  /** 地级市 (prefecture), when known. */
  prefecture?: string;
  /** 县（市、区）. */
  county?: string;
  /** 乡镇（街道）. */
  town?: string;
  village?: string;
}

/**
 * The place names of a 12-digit division code, from a name lookup by code (the device knows its own
 * county, township and village from the session; the server reads its imported divisions).
 */
export function placeNamesOf(divisionCode: string, nameOf: (code: string) => string | undefined): PlaceNames {
  const out: PlaceNames = {};
  if (!/^\d{12}$/.test(divisionCode)) return out;
  const province = nameOf(`${divisionCode.slice(0, 2)}0000`);
  const prefecture = nameOf(`${divisionCode.slice(0, 4)}00`);
  const county = nameOf(countyOf(divisionCode));
  const town = nameOf(townshipOf(divisionCode));
  const village = nameOf(divisionCode);
  if (province) out.province = province;
  if (prefecture && prefecture !== province) out.prefecture = prefecture;
  if (county) out.county = county;
  if (town) out.town = town;
  if (village) out.village = village;
  return out;
}
