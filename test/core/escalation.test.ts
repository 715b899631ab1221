// Issue 12: reminder and escalation policy as plain functions.
import { describe, expect, it } from 'vitest';
import type { Timer } from '../../contracts/messages.js';
import { weishan } from '../../machines/weishan/index.js';
import { chartEffectEntry, escalation, reminder } from '../../core/escalation.js';

const review: Timer = {
  key: 'k',
  kind: 'serviceLevel',
  stateId: 'weishan.requirementsReview',
  id: 'requirementsReview',
  title: '需求评审办理时限',
  article: '微山 第六条',
  department: 'bigData',
  lastDay: '2026-12-07',
  fired: false,
};

describe('escalation policy', () => {
  it('reports a missed service level to the department’s superior, and beyond it one level higher', () => {
    expect(escalation(weishan, review, 1)).toMatchObject({
      type: 'escalate',
      params: { to: 'countyGovernment', article: '微山 第六条' },
      entry: { kind: 'escalation', level: 1, message: '县大数据局未在办理时限内完成“需求评审”，已报县委、县政府' },
    });
    expect(escalation(weishan, review, 2)).toMatchObject({ params: { to: 'upperBigData' }, entry: { level: 2, department: 'upperBigData' } });
  });

  it('reminds (催办) the awaited department with the last day, and the applying unit where none is named', () => {
    expect(reminder(weishan, review)).toMatchObject({
      type: 'notify',
      params: { to: 'bigData', message: '需求评审将于 2026-12-07 届满，请及时办理' },
      entry: { kind: 'reminder', message: '催办县大数据局：需求评审将于 2026-12-07 届满，请及时办理' },
    });
    const { department: _none, ...unnamed } = review;
    expect(reminder(weishan, unnamed).params.to).toBe('applicant');
  });

  it('records a chart’s notification under the department’s name', () => {
    expect(chartEffectEntry(weishan, 'notify', { to: 'bigData', message: '预算批复情况抄送', article: '微山 第二十一条' })).toEqual({
      kind: 'notification',
      message: '通知县大数据局：预算批复情况抄送',
      department: 'bigData',
      article: '微山 第二十一条',
    });
  });
});
