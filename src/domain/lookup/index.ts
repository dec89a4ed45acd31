// The public progress lookup (扫码查询办理进度): token, masking and the villager's wording.
export * from './token';
export * from './link';
export * from './mask';
export * from './wording';
