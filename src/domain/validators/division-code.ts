// Administrative division codes: the 6-digit county code (GB/T 2260) and the 12-digit statistical
// code that adds town (3 digits) and village (3 digits). Parts are returned as their digit segments.
import { invalid, valid, type Validation } from '../result';
import { compactNumber } from './normalise';
import { isMainlandProvince } from './province-codes';

export type CountyKind = 'district' | 'county' | 'city';
export type TownKind = 'subdistrict' | 'town' | 'township';
export type VillageKind = 'residents' | 'village';

export interface DivisionCodeInfo {
  /** The normalised 6- or 12-digit code. */
  code: string;
  /** Segments: province 2 digits, prefecture 2, county 2, town 3, village 3. */
  province: string;
  prefecture: string;
  county: string;
  town?: string;
  village?: string;
  countyKind: CountyKind;
  townKind?: TownKind;
  villageKind?: VillageKind;
}

/** Prefecture 90 holds county-level units governed by the province directly (e.g. 429004 仙桃市). */
const PROVINCE_GOVERNED = '90';

// GB/T 2260 reserves 01–20 for districts. Domain note says 01–18, but real codes 500119 (南川区)
// and 500120 (璧山区) exist and must stay valid.
function countyKindOf(prefecture: string, county: number): CountyKind | undefined {
  if (county >= 1 && county <= 20) return prefecture === PROVINCE_GOVERNED ? 'city' : 'district';
  if (county >= 21 && county <= 80) return 'county';
  if (county >= 81 && county <= 99) return 'city';
  return undefined;
}

function townKindOf(town: number): TownKind | undefined {
  if (town >= 1 && town <= 99) return 'subdistrict';
  if (town >= 100 && town <= 199) return 'town';
  if (town >= 200 && town <= 399) return 'township';
  return undefined;
}

function villageKindOf(village: number): VillageKind | undefined {
  if (village >= 1 && village <= 199) return 'residents';
  if (village >= 200 && village <= 399) return 'village';
  return undefined;
}

/** `length` pins 6 or 12 digits; without it either is accepted. */
export function validateDivisionCode(input: string, length?: 6 | 12): Validation<DivisionCodeInfo> {
  const code = compactNumber(input);
  if (code === '') return invalid('division.empty', '请填写行政区划代码');
  if (!/^\d+$/.test(code)) return invalid('division.charset', '行政区划代码只能包含数字，请重新填写');
  const lengthOk = length === undefined ? code.length === 6 || code.length === 12 : code.length === length;
  if (!lengthOk) {
    const wanted = length === undefined ? '6位（县级）或12位（村级）' : `${length}位`;
    return invalid('division.length', `行政区划代码应为${wanted}，现在是${code.length}位，请从列表中选择或重新填写`);
  }
  const province = code.slice(0, 2),
    prefecture = code.slice(2, 4),
    county = code.slice(4, 6);
  if (!isMainlandProvince(province)) {
    return invalid('division.province', `行政区划代码开头“${province}”不是有效的省份代码，请从列表中选择`);
  }
  if (prefecture === '00') return invalid('division.prefecture', `行政区划代码第3–4位“00”不是地市代码，请从列表中选择`);
  const countyKind = countyKindOf(prefecture, Number(county));
  if (!countyKind) return invalid('division.county', `行政区划代码第5–6位“${county}”不是区县代码，请从列表中选择`);
  if (code.length === 6) return valid({ code, province, prefecture, county, countyKind });

  const town = code.slice(6, 9),
    village = code.slice(9, 12);
  const townKind = townKindOf(Number(town));
  if (!townKind) return invalid('division.town', `行政区划代码第7–9位“${town}”不是乡镇（街道）代码，请从列表中选择`);
  const villageKind = villageKindOf(Number(village));
  if (!villageKind)
    return invalid('division.village', `行政区划代码第10–12位“${village}”不是村（居）委会代码，请从列表中选择`);
  return valid({ code, province, prefecture, county, town, village, countyKind, townKind, villageKind });
}
