// Issue 24: notifications as temporal.config.ts configures them — off by default, on by SMTP_HOST,
// webhooks named consistently, secrets only from the environment or files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredChannels, publicBaseUrl } from '../../notifications/index.js';
import { loadConfig, settings } from '../../temporal.config.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'notify-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const withNotifications = (notifications: Record<string, unknown>, env: Record<string, string> = {}) =>
  loadConfig(env, { ...settings, notifications } as typeof settings);

describe('notifications configuration', () => {
  it('has no channel on the embedded default: every notice stays in the message centre', () => {
    const config = loadConfig({});
    expect(configuredChannels(config, {})).toEqual([]);
    expect(publicBaseUrl(config)).toBe('http://127.0.0.1:3000');
  });

  it('turns e-mail on from SMTP_HOST and links to NOTIFY_PUBLIC_URL', () => {
    const config = loadConfig({ SMTP_HOST: 'mail.weishan.gov.cn', SMTP_PORT: '587', NOTIFY_PUBLIC_URL: 'https://xm.weishan.gov.cn/' });
    expect(config.notifications.email).toMatchObject({ host: 'mail.weishan.gov.cn', port: 587 });
    expect(configuredChannels(config, {}).map((c) => c.id)).toEqual(['email']);
    expect(publicBaseUrl(config)).toBe('https://xm.weishan.gov.cn');
  });

  it('refuses a department or personal webhook that names no configured webhook, naming the path', () => {
    expect(() => withNotifications({ departments: { weishan: { bigData: { webhooks: ['dsj'] } } } })).toThrow(
      /notifications\.departments\.weishan\.bigData\.webhooks\.0: no webhook named 'dsj'/,
    );
    expect(() => withNotifications({ personalWebhook: 'sms' })).toThrow(/notifications\.personalWebhook: no webhook named 'sms'/);
  });

  it('reads a robot’s URL and 加签 secret from the environment or a file; a missing one names where it was looked for, never a value', () => {
    const secretFile = path.join(dir, 'dingtalk.secret');
    writeFileSync(secretFile, 'SECabc\n');
    const config = withNotifications({
      webhooks: {
        dsj: { kind: 'dingtalk', urlEnv: 'DSJ_ROBOT_URL', secret: { file: secretFile } },
        oa: { kind: 'generic', url: 'https://oa.weishan.gov.cn/hook', secret: { env: 'OA_SECRET' } },
      },
    });
    expect(() => configuredChannels(config, { OA_SECRET: 'x' })).toThrow('notifications.webhooks.dsj.urlEnv: environment variable DSJ_ROBOT_URL is not set');
    expect(() => configuredChannels(config, { DSJ_ROBOT_URL: 'https://oapi.dingtalk.com/robot/send?access_token=t0ken' })).toThrow(
      'notifications.webhooks.oa.secret: environment variable OA_SECRET is not set',
    );
    const channels = configuredChannels(config, { DSJ_ROBOT_URL: 'https://oapi.dingtalk.com/robot/send?access_token=t0ken', OA_SECRET: 'x' });
    expect(channels.map((c) => [c.id, c.perMinute])).toEqual([
      ['webhook:dsj', 20],
      ['webhook:oa', 20],
    ]);
    // Nothing secret is in the configuration the product logs or passes around.
    expect(JSON.stringify(config)).not.toMatch(/t0ken|SECabc/);
  });
});
