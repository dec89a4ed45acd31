// The demo deployment: one county, two townships, three villages each, and their logins.
// Codes follow GB/T 2260 + the statistical 12-digit rules (镇 100–199, 乡 200–399, 村委会
// 200–399). The county is real (安徽省宣城市广德市 341822); township and village names and
// codes below are illustrative demo data, not an official list.
import type { DivisionRecord } from '../store';

export const DEMO_PASSWORD = 'daiban123';

export const DEMO_COUNTY: DivisionRecord = { code: '341822', name: '广德市', level: 'county', parentCode: null };

export const DEMO_TOWNSHIPS: DivisionRecord[] = [
  { code: '341822100000', name: '桃州镇', level: 'township', parentCode: '341822' },
  { code: '341822200000', name: '四合乡', level: 'township', parentCode: '341822' },
];

export const DEMO_VILLAGES: DivisionRecord[] = [
  { code: '341822100201', name: '彭村村', level: 'village', parentCode: '341822100000' },
  { code: '341822100202', name: '南塘村', level: 'village', parentCode: '341822100000' },
  { code: '341822100203', name: '太平村', level: 'village', parentCode: '341822100000' },
  { code: '341822200201', name: '四合村', level: 'village', parentCode: '341822200000' },
  { code: '341822200202', name: '芦村村', level: 'village', parentCode: '341822200000' },
  { code: '341822200203', name: '耿村村', level: 'village', parentCode: '341822200000' },
];

export interface DemoLogin {
  username: string;
  name: string;
  role: 'agent' | 'reviewer' | 'admin';
  divisionCode: string;
}

export const DEMO_LOGINS: DemoLogin[] = [
  { username: 'agent1', name: '王秀兰', role: 'agent', divisionCode: '341822100201' },
  { username: 'agent2', name: '李建华', role: 'agent', divisionCode: '341822100202' },
  { username: 'agent3', name: '陈桂英', role: 'agent', divisionCode: '341822100203' },
  { username: 'agent4', name: '刘志强', role: 'agent', divisionCode: '341822200201' },
  { username: 'agent5', name: '赵玉梅', role: 'agent', divisionCode: '341822200202' },
  { username: 'agent6', name: '孙德明', role: 'agent', divisionCode: '341822200203' },
  { username: 'reviewer1', name: '周敏', role: 'reviewer', divisionCode: '341822100000' },
  { username: 'reviewer2', name: '吴海燕', role: 'reviewer', divisionCode: '341822200000' },
  { username: 'admin', name: '郑国庆', role: 'admin', divisionCode: '341822' },
];
