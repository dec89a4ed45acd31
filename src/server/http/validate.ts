// Every input goes through a zod schema from src/domain (or a small one next to its route).
// Failures answer 400 `request.invalid` with each problem's path and Chinese message.
import type { z } from 'zod';
import { badRequest } from './errors';

export interface FieldProblem {
  path: string;
  message: string;
}

const WHERE = { body: '请求内容', params: '地址参数', query: '查询参数', headers: '请求头' } as const;

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: keyof typeof WHERE): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: FieldProblem[] = result.error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: chineseMessage(issue),
  }));
  throw badRequest(
    'request.invalid',
    `${WHERE[where]}格式不正确：${details[0]?.path || '整体'} ${details[0]?.message ?? ''}`.trim(),
    details,
  );
}

/** zod's default messages are English; our own schemas already carry Chinese ones. */
function chineseMessage(issue: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少必填项' : '类型不正确';
    case 'too_small':
      return '太短或太小';
    case 'too_big':
      return '太长或太大';
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '取值不在允许范围内';
    case 'invalid_union':
      return '内容不符合任何一种允许的格式';
    case 'unrecognized_keys':
      return '包含不允许的字段';
    default:
      return '内容不正确';
  }
}
