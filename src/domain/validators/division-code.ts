// Administrative division codes: the 6-digit county code (GB/T 2260) and the 12-digit statistical
// code that adds town (3 digits) and village (3 digits) per GB/T 10114 (县以下行政区划代码编制规则).
// Structure only: real codes (441900 东莞, 420117400xxx 政企合一单位, 360113005400) must pass; a
// county's imported division list, where the caller has one, catches codes that do not exist.
import { invalid, valid, type Validation } from '../result';
import { compactNumber } from './normalise';
import { isMainlandProvince } from './province-codes';

/** `prefecture-city`: county segment 00, towns directly under a 不设区的地级市 (441900 东莞, 442000 中山, 460400 儋州). */
export type CountyKind = 'district' | 'county' | 'city' | 'prefecture-city';
/** `enterprise`: 400–599, 政企合一单位 (farms, forestry bureaus, development zones). */
export type TownKind = 'subdistrict' | 'town' | 'township' | 'enterprise';
/** `other`: 400–999, units the standard leaves to local numbering (e.g. 360113005400). */
export type VillageKind = 'residents' | 'village' | 'other';

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

/** Imported townships and villages (12-digit codes), as the server's divisions table holds them. */
export interface DivisionList {
  codes: ReadonlySet<string>;
  /** Counties (6 digits) or townships (9 digits) the list holds completely: only their codes are checked. */
  covers: ReadonlySet<string>;
}

/** A list from its codes; `covers` 'county' for a county's import, 'township' for one township's villages. */
export function divisionList(codes: Iterable<string>, covers: 'county' | 'township' = 'county'): DivisionList {
  const set = new Set<string>();
  const prefixes = new Set<string>();
  for (const c of codes) {
    if (!/^\d{12}$/.test(c)) continue;
    set.add(c);
    prefixes.add(c.slice(0, covers === 'county' ? 6 : 9));
  }
  return { codes: set, covers: prefixes };
}

const listed = (code: string, known: DivisionList | undefined) =>
  !known || !(known.covers.has(code.slice(0, 6)) || known.covers.has(code.slice(0, 9))) || known.codes.has(code);

/** Prefecture 90 holds county-level units governed by the province directly (e.g. 429004 仙桃市). */
const PROVINCE_GOVERNED = '90';

// GB/T 2260 reserves 01–20 for districts. Domain note says 01–18, but real codes 500119 (南川区)
// and 500120 (璧山区) exist and must stay valid.
function countyKindOf(prefecture: string, county: number): CountyKind {
  if (county === 0) return 'prefecture-city';
  if (county <= 20) return prefecture === PROVINCE_GOVERNED ? 'city' : 'district';
  if (county <= 80) return 'county';
  return 'city';
}

/** GB/T 10114: 001–099 街道, 100–199 镇, 200–399 乡, 400–599 政企合一单位; 600–999 unassigned. */
function townKindOf(town: number): TownKind | undefined {
  if (town >= 1 && town <= 99) return 'subdistrict';
  if (town >= 100 && town <= 199) return 'town';
  if (town >= 200 && town <= 399) return 'township';
  if (town >= 400 && town <= 599) return 'enterprise';
  return undefined;
}

function villageKindOf(village: number): VillageKind | undefined {
  if (village >= 1 && village <= 199) return 'residents';
  if (village >= 200 && village <= 399) return 'village';
  if (village >= 400) return 'other';
  return undefined;
}

/**
 * `length` pins 6 or 12 digits; without it either is accepted. With `known`, a 12-digit code of a
 * county (or township) the list covers must be in the list; without a list, structure only.
 */
export function validateDivisionCode(
  input: string,
  length?: 6 | 12,
  known?: DivisionList,
): Validation<DivisionCodeInfo> {
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
  if (countyKind === 'prefecture-city' && prefecture === PROVINCE_GOVERNED) {
    return invalid('division.county', `行政区划代码第5–6位“00”不是区县代码，请从列表中选择`);
  }
  if (code.length === 6) return valid({ code, province, prefecture, county, countyKind });

  const town = code.slice(6, 9),
    village = code.slice(9, 12);
  const townKind = townKindOf(Number(town));
  if (!townKind) return invalid('division.town', `行政区划代码第7–9位“${town}”不是乡镇（街道）代码，请从列表中选择`);
  const villageKind = villageKindOf(Number(village));
  if (!villageKind)
    return invalid('division.village', `行政区划代码第10–12位“${village}”不是村（居）委会代码，请从列表中选择`);
  if (!listed(code, known)) {
    return invalid('division.unknown', `本县的行政区划列表中没有代码 ${code}，请从列表中选择或核对后重新填写`);
  }
  return valid({ code, province, prefecture, county, town, village, countyKind, townKind, villageKind });
}
