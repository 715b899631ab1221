import type { Issue } from '../../machines/shared/errors.js';
import { fieldLabel } from './labels.js';

const HAN = /[\u4e00-\u9fff]/;

/** zod's own messages (English) by issue code, as a person filling in a form reads them. */
const BY_RULE: Record<string, string> = {
  invalid_type: '未填写或格式不正确',
  invalid_value: '请从给定选项中选择',
  unrecognized_keys: '含有本办法不要求的内容',
  too_small: '过短或过小',
  too_big: '过长或过大',
  invalid_format: '格式不正确',
  not_multiple_of: '数值不符合要求',
  custom: '不符合要求',
};

/** An issue's message in Chinese: the chart's and schemas' own Chinese messages as they are, zod's defaults translated. */
export function issueMessage(issue: Issue): string {
  return HAN.test(issue.message) ? issue.message : (BY_RULE[issue.rule] ?? '不符合要求');
}

/** The field an issue names, in Chinese (for issues shown away from their field). */
export function issueFieldLabel(issue: Issue): string | undefined {
  const path = issue.field
    .split('.')
    .slice(1)
    .filter((p) => !/^\d+$/.test(p));
  return path.length ? path.map((_, i) => fieldLabel(path.slice(0, i + 1))).join(' › ') : undefined;
}
