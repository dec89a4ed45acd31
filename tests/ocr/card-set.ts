// The OCR test set (issue 16): invented people with a known truth, each card side paired with
// one degradation. Deterministic (seeded), pure data: tests/ocr/render-card.ts draws them in
// Chromium. No real person: names, addresses and numbers are drawn from small invented lists.

export const DEGRADATIONS = [
  'clean',
  'perspective',
  'rotation',
  'defocus',
  'glare',
  'low-light',
  'jpeg',
  'busy-background',
] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

export interface CardPerson {
  readonly name: string;
  readonly sex: '男' | '女';
  readonly ethnicity: string;
  readonly birth: { readonly y: number; readonly m: number; readonly d: number };
  /** The address as printed, without line breaks. */
  readonly address: string;
  readonly idNumber: string;
  readonly authority: string;
  /** As printed: `2016.08.12-2036.08.12` or `2016.08.12-长期`. */
  readonly validity: string;
}

export interface CardSample {
  readonly index: number;
  readonly side: 'front' | 'back';
  readonly degradation: Degradation;
  readonly seed: number;
  readonly person: CardPerson;
}

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常';
const GIVEN =
  '德明国华建平志强军文伟立学英秀兰桂芳玉珍海涛林红梅春燕丽霞云飞振宇宏刚永福兴旺成家宝庆安胜利荣光辉新民晓东子豪佳怡欣雨婷思远俊杰';
const ETHNICITIES = ['汉', '汉', '汉', '汉', '苗', '布依', '侗', '土家', '彝', '壮', '回', '瑶', '水', '仡佬'];

/** Invented places; the six-digit prefix is a plausible county code for the ID number. */
const PLACES: readonly { prefix: string; county: string; towns: readonly string[] }[] = [
  { prefix: '522601', county: '贵州省凯里市', towns: ['三棵树镇', '舟溪镇', '旁海镇'] },
  { prefix: '522631', county: '贵州省黎平县', towns: ['德凤镇', '高屯镇', '中潮镇'] },
  { prefix: '431226', county: '湖南省麻阳苗族自治县', towns: ['高村镇', '锦和镇', '兰里镇'] },
  { prefix: '511321', county: '四川省南部县', towns: ['南隆镇', '河东镇', '大桥镇'] },
  { prefix: '532128', county: '云南省镇雄县', towns: ['乌峰镇', '泼机镇', '以勒镇'] },
  { prefix: '450422', county: '广西壮族自治区藤县', towns: ['藤州镇', '塘步镇', '琅南镇'] },
  { prefix: '360731', county: '江西省于都县', towns: ['贡江镇', '岭背镇', '罗坳镇'] },
  { prefix: '411523', county: '河南省新县', towns: ['新集镇', '沙窝镇', '吴陈河镇'] },
];
const VILLAGES = '大坪新寨龙井石门杨柳白岩青山河口坝子高坡';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check character, computed independently of src/domain (the expectation must not come from the code under test). */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const pick = <T>(r: () => number, xs: readonly T[] | string): T => xs[Math.floor(r() * xs.length)] as T;

export function person(seed: number): CardPerson {
  const r = rng(seed);
  const sex = r() < 0.5 ? '男' : '女';
  const surname = pick<string>(r, SURNAMES);
  const given = Array.from({ length: r() < 0.7 ? 2 : 1 }, () => pick<string>(r, GIVEN)).join('');
  const y = 1940 + Math.floor(r() * 65);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const place = pick(r, PLACES);
  const village = pick<string>(r, VILLAGES) + pick<string>(r, VILLAGES) + '村';
  const address = `${place.county}${pick(r, place.towns)}${village}${1 + Math.floor(r() * 12)}组${1 + Math.floor(r() * 60)}号`;
  let seq = Math.floor(r() * 499) * 2 + (sex === '男' ? 1 : 0);
  if (seq === 0) seq = 2;
  const first17 = `${place.prefix}${y}${pad(m)}${pad(d)}${pad(seq, 3)}`;
  const issued = {
    y: Math.max(y + 16, 2006 + Math.floor(r() * 18)),
    m: 1 + Math.floor(r() * 12),
    d: 1 + Math.floor(r() * 28),
  };
  const age = issued.y - y;
  const years = age < 26 ? 10 : age < 46 ? 20 : 0;
  const from = `${issued.y}.${pad(issued.m)}.${pad(issued.d)}`;
  const validity = years ? `${from}-${issued.y + years}.${pad(issued.m)}.${pad(issued.d)}` : `${from}-长期`;
  const county = place.county.replace(/^.*?(省|自治区)/, '');
  return {
    name: surname + given,
    sex,
    ethnicity: pick(r, ETHNICITIES),
    birth: { y, m, d },
    address,
    idNumber: first17 + checkChar(first17),
    authority: `${county}公安局`,
    validity,
  };
}

/** `people` invented people × front and back, degradations spread evenly over sides. */
export function cardSet(people = 40, seed = 16): CardSample[] {
  const out: CardSample[] = [];
  for (let i = 0; i < people; i++) {
    const p = person(seed * 100_003 + i);
    out.push({
      index: 2 * i,
      side: 'front',
      degradation: DEGRADATIONS[i % DEGRADATIONS.length]!,
      seed: seed * 7919 + 2 * i,
      person: p,
    });
    out.push({
      index: 2 * i + 1,
      side: 'back',
      degradation: DEGRADATIONS[(i + Math.floor(i / DEGRADATIONS.length)) % DEGRADATIONS.length]!,
      seed: seed * 7919 + 2 * i + 1,
      person: p,
    });
  }
  return out;
}
