// The villager's words on the one-time notice: concrete findings (agent texts from the real rules)
// → the sentence the applicant reads. Expectations written by hand.
import { describe, expect, it } from 'vitest';
import { FormField, MaterialRequirement } from '../../../src/domain/schemas/catalog';
import { finding } from '../../../src/domain/rules/findings';
import {
  documentName,
  villagerAskForCase,
  villagerAskForChoice,
  villagerAskForField,
  villagerAskForMaterial,
} from '../../../src/domain/rules/villager';

const hukou = MaterialRequirement.parse({
  id: 'hukou',
  name: '居民户口簿（户主页、本人页）',
  kind: 'document-photo',
  handling: 'original-checked-copy-kept',
  requirement: 'required',
  pagesMin: 2,
  pagesMax: 2,
});
const idBack = MaterialRequirement.parse({
  id: 'id-card-back',
  name: '居民身份证（国徽面）',
  kind: 'document-photo',
  handling: 'original-checked-copy-kept',
  requirement: 'required',
});
const photo = MaterialRequirement.parse({
  id: 'photo',
  name: '近期免冠1寸照片',
  kind: 'document-photo',
  handling: 'original-kept',
  requirement: 'tolerable',
});
const diagnosis = MaterialRequirement.parse({
  id: 'diagnosis',
  name: '医院诊断证明（因病申请的）',
  kind: 'document-photo',
  handling: 'original-kept',
  requirement: 'required',
});
const mandate = MaterialRequirement.parse({
  id: 'mandate',
  name: '代办委托书',
  kind: 'signature',
  handling: 'original-kept',
  requirement: 'required',
});
const bank = MaterialRequirement.parse({
  id: 'bank',
  name: '本人银行账户',
  kind: 'data',
  handling: 'electronic',
  requirement: 'required',
});

const onMaterial = (id: string, page?: number) => ({ type: 'material', id, ...(page ? { page } : {}) }) as const;

describe('documentName', () => {
  it('keeps page notes (in plain words) and drops notes meant for the agent', () => {
    expect(documentName('居民户口簿（户主页、本人页）')).toEqual({ doc: '居民户口簿', pages: '（户主页和本人页）' });
    expect(documentName('居民身份证（人像面）')).toEqual({ doc: '居民身份证', pages: '' });
    expect(documentName('残疾人证（因残申请的）')).toEqual({ doc: '残疾人证', pages: '' });
    expect(documentName('代办委托书')).toEqual({ doc: '代办委托书', pages: '' });
  });
});

describe('villagerAskForMaterial', () => {
  it('turns the 户口簿 data-field finding of issue 14 into what to bring', () => {
    const f = finding(
      'field.required',
      'error',
      '请填写「居民户口簿（户主页、本人页）上的户口簿本人页上的公民身份号码」',
      { type: 'material', id: 'hukou', field: 'idNumber' },
      'required',
    );
    expect(villagerAskForMaterial(hukou, [f])).toEqual({
      reasons: ['需要核对证件上的信息'],
      ask: '请带上您的居民户口簿原件（户主页和本人页）',
    });
  });

  it('a blurred, shaken photo: bring the card again to be re-photographed, no camera advice', () => {
    const fs = [
      finding(
        'photo.blurred',
        'error',
        '居民身份证（国徽面）第1页拍照时手机晃动，字迹有拖影，乡镇会退回。请双手拿稳、手肘靠在桌上，重新拍摄',
        onMaterial('id-card-back', 1),
        'photo-quality',
      ),
      finding(
        'photo.dark',
        'warning',
        '居民身份证（国徽面）第1页照片太暗，请开灯或移到窗边光线充足处重新拍摄',
        onMaterial('id-card-back', 1),
        'photo-quality',
      ),
    ];
    const v = villagerAskForMaterial(idBack, fs)!;
    expect(v).toEqual({
      reasons: ['已拍的照片模糊，看不清字', '已拍的照片太暗，看不清字'],
      ask: '请带上您的居民身份证原件',
    });
    expect(JSON.stringify(v)).not.toMatch(/手机|拍摄|上传/);
  });

  it('a black-and-white 1寸 photo on the wrong background: says so, and asks for the photo', () => {
    const on = onMaterial(photo.id, 1);
    const fs = [
      finding('photo.greyscale', 'error', '近期免冠1寸照片第1页是黑白照片……', on, 'photo-quality'),
      finding('photo.backdrop', 'error', '近期免冠1寸照片第1页背景是红色……', on, 'photo-quality'),
    ];
    expect(villagerAskForMaterial(photo, fs)).toEqual({
      reasons: ['已拍的照片是黑白的，需要彩色照片', '已拍的照片背景颜色不符合要求'],
      ask: '请带上您的近期免冠1寸照片',
    });
  });

  it('missing: a kept original says it stays with the township; a portrait photo has no 原件', () => {
    const missing = (r: MaterialRequirement) =>
      finding('material.missing', 'error', `缺少“${r.name}”，请拍摄上传`, onMaterial(r.id), 'material-missing');
    expect(villagerAskForMaterial(diagnosis, [missing(diagnosis)])).toEqual({
      reasons: ['还没有提供'],
      ask: '请带上您的医院诊断证明原件，原件将交乡镇留存',
    });
    expect(villagerAskForMaterial(photo, [missing(photo)])).toEqual({
      reasons: ['还没有提供'],
      ask: '请带上您的近期免冠1寸照片',
    });
  });

  it('an unsigned mandate: come in person and sign', () => {
    const f = finding(
      'material.missing',
      'error',
      '“代办委托书”尚未签名，请申请人（或委托人）在屏幕上签名',
      onMaterial('mandate'),
      'material-missing',
    );
    expect(villagerAskForMaterial(mandate, [f])).toEqual({
      reasons: ['还没有签名'],
      ask: '请您本人到场，在“代办委托书”上签名',
    });
  });

  it('an expired document: renew it first', () => {
    const f = finding('date.expired', 'error', '「有效期至」已过期', onMaterial('diagnosis'), 'not-expired');
    expect(villagerAskForMaterial(diagnosis, [f])?.ask).toBe('请先换领新的医院诊断证明，再带上新证件来办理');
  });

  it('bank data: bring the card or passbook', () => {
    const f = finding(
      'material.missing',
      'error',
      '“本人银行账户”的信息尚未填写，请按证件填写',
      onMaterial('bank'),
      'material-missing',
    );
    expect(villagerAskForMaterial(bank, [f])?.ask).toBe('请带上您本人的银行卡或存折');
  });

  it('tolerated (容缺): says by when, and what happens if late', () => {
    expect(villagerAskForMaterial(photo, [], '2026-12-02')).toEqual({
      reasons: ['可以先办理，这份材料可以晚些补交'],
      ask: '请带上您的近期免冠1寸照片，最晚于2026年12月2日前补交；逾期不交，申请将被终止',
    });
  });

  it('nothing for the villager when only the agent has work (extra page, unchecked photo)', () => {
    const fs = [
      finding(
        'pages.too_many',
        'error',
        '“居民户口簿”最多2页，现在有3页，请删除多余或重复的页',
        onMaterial('hukou'),
        'page-count',
      ),
      finding('photo.unmeasured', 'warning', '第1页照片尚未检测质量', onMaterial('hukou', 1), 'photo-quality'),
    ];
    expect(villagerAskForMaterial(hukou, fs)).toBeNull();
  });

  it('an unknown (new) finding code falls back to a safe generic reason', () => {
    const f = finding('something.new', 'error', '请检查', onMaterial('hukou'), 'equals');
    expect(villagerAskForMaterial(hukou, [f])?.reasons).toEqual(['需要核对证件上的信息']);
  });
});

describe('villagerAskForField', () => {
  const field = (type: string, label: string) => FormField.parse({ key: 'k', label, type });
  it('asks for the card a number is read from, or just the value', () => {
    const req = (label: string) =>
      finding('field.required', 'error', `请填写「${label}」`, { type: 'field', key: 'k' }, 'required');
    expect(villagerAskForField(field('bank-card', '银行卡号'), '银行卡号', [req('银行卡号')])).toEqual({
      reasons: ['还没有填写'],
      ask: '请带上您本人的银行卡或存折，核对“银行卡号”',
    });
    expect(villagerAskForField(field('phone', '联系电话'), '联系电话', [req('联系电话')])?.ask).toBe(
      '请告诉代办员您常用的联系电话',
    );
    expect(villagerAskForField(field('text', '申请理由'), '申请理由', [req('申请理由')])?.ask).toBe(
      '请向代办员提供“申请理由”',
    );
    const bad = finding(
      'id.checksum',
      'error',
      '「身份证号」：校验位不对',
      { type: 'field', key: 'k' },
      'field-format',
    );
    expect(villagerAskForField(field('id-number', '身份证号'), '身份证号', [bad])).toEqual({
      reasons: ['填写的内容需要核对'],
      ask: '请带上您的居民身份证，核对“身份证号”',
    });
  });
});

describe('villagerAskForCase', () => {
  it('eligibility is checked face to face, never "告知申请人不能办理"', () => {
    const f = finding(
      'age.too_young',
      'error',
      '申请人今天65周岁，未满80周岁，不符合办理条件；请核对出生日期，确认无误请告知申请人不能办理',
      { type: 'case', ref: 'age' },
      'age-range',
    );
    expect(villagerAskForCase([f])).toEqual({
      reasons: ['年龄可能不符合本事项的办理条件'],
      ask: '请带上您的居民身份证和户口簿，与代办员当面核对',
    });
    const info = finding('material.tolerated', 'info', '容缺受理', { type: 'case' }, 'material-missing');
    expect(villagerAskForCase([info])).toBeNull();
  });
});

describe('villagerAskForChoice', () => {
  it('asks for any one group, by the labels the catalogue writes for villagers', () => {
    expect(villagerAskForChoice(['居民身份证', '户口簿（新生儿另附出生医学证明）'])).toEqual({
      reasons: ['还没有提供'],
      ask: '请带上下面任意一种材料',
      choices: ['居民身份证', '户口簿（新生儿另附出生医学证明）'],
    });
  });
});
