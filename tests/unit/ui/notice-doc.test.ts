// The notice's text blocks (screen, image and read-aloud share them): one card asked once, the
// spoken text in order with Chinese ordinals. Expectations written by hand.
import { describe, expect, it } from 'vitest';
import { isMandarinVoice } from '../../../src/ui/screens/notice/speech';
import { mergeSameAsk, noticeSpeech, ordinalCn, type NoticeDoc } from '../../../src/ui/screens/notice/notice-doc';

describe('mergeSameAsk', () => {
  it('asks for the ID card once when both sides need it, with both reasons', () => {
    expect(
      mergeSameAsk([
        { what: '居民身份证（人像面）', reasons: ['还没有提供'], ask: '请带上您的居民身份证原件' },
        { what: '代办委托书', reasons: ['还没有签名'], ask: '请您本人到场，在“代办委托书”上签名' },
        { what: '居民身份证（国徽面）', reasons: ['已拍的照片模糊，看不清字'], ask: '请带上您的居民身份证原件' },
      ]),
    ).toEqual([
      {
        what: '居民身份证（人像面）、居民身份证（国徽面）',
        reasons: ['还没有提供', '已拍的照片模糊，看不清字'],
        ask: '请带上您的居民身份证原件',
      },
      { what: '代办委托书', reasons: ['还没有签名'], ask: '请您本人到场，在“代办委托书”上签名' },
    ]);
  });
});

describe('noticeSpeech', () => {
  it('reads who, what, each item with 第一项…, and where to go; no signature lines', () => {
    const doc: NoticeDoc = {
      title: '一次性告知单',
      number: 'DB-1',
      meta: [
        ['申请人', '孙桂芝'],
        ['申请事项', '老年人优待证办理'],
      ],
      intro: '经预审，您申请的事项还需要补齐或更正以下 1 项。',
      items: [{ what: '代办委托书', reasons: ['还没有签名'], ask: '请您本人到场，在“代办委托书”上签名' }],
      where: '请带上以上材料，到彭村便民服务站找代办员王秀兰办理。',
      agent: [['代办员', '王秀兰']],
      foot: '依据……',
    };
    expect(noticeSpeech(doc)).toBe(
      [
        '一次性告知单。申请人：孙桂芝。申请事项：老年人优待证办理。',
        '经预审，您申请的事项还需要补齐或更正以下 1 项。',
        '第一项，代办委托书。还没有签名。请您本人到场，在“代办委托书”上签名。',
        '请带上以上材料，到彭村便民服务站找代办员王秀兰办理。',
      ].join('\n'),
    );
    expect(ordinalCn(10)).toBe('十');
    expect(ordinalCn(11)).toBe('11');
  });
});

describe('isMandarinVoice', () => {
  it('takes zh, zh-CN, zh_CN, cmn-CN; not Cantonese or Taiwanese voices', () => {
    for (const lang of ['zh', 'zh-CN', 'zh_CN', 'cmn-CN', 'zh-Hans-CN']) expect(isMandarinVoice(lang)).toBe(true);
    for (const lang of ['zh-TW', 'zh-HK', 'yue-HK', 'en-US', 'ja-JP']) expect(isMandarinVoice(lang)).toBe(false);
  });
});

describe('a choice (以下之一) on the notice', () => {
  it('is never merged with another line and is read with 或者 between the choices', () => {
    const choice = {
      what: '身份证明（以下之一）',
      reasons: ['还没有提供'],
      ask: '请带上下面任意一种材料',
      choices: ['居民身份证', '户口簿'],
    };
    expect(mergeSameAsk([choice, { ...choice, what: '婚姻状况证明（以下之一）' }])).toHaveLength(2);
    const doc: NoticeDoc = {
      title: '一次性告知单',
      number: 'DB-2',
      meta: [
        ['申请人', '孙桂芝'],
        ['申请事项', '城乡居民医保参保登记'],
      ],
      intro: '经预审……',
      items: [choice],
      where: '',
      agent: [],
      foot: '',
    };
    expect(noticeSpeech(doc).split('\n')[2]).toBe(
      '第一项，身份证明（以下之一）。还没有提供。请带上下面任意一种材料：居民身份证；或者户口簿。',
    );
  });
});
