/**
 * Notifications as a configuration sets them up (issue 24): the channels, the dispatcher beside the
 * worker, and the outbox that writes each notice and plans its deliveries.
 */
import path from 'node:path';
import type { Config } from '../temporal.config.js';
import type { Outbox } from '../activities/index.js';
import { followPeople } from './people.js';
import { emailChannel, readSecret, webhookChannel, type Channel } from './channels.js';
import { Dispatcher, type NotifySettings } from './dispatcher.js';
import { noticeOf } from './notice.js';

/** Links in messages start here: the configured public address, else the API's own. */
export const publicBaseUrl = (config: Config) => (config.notifications.publicUrl ?? `http://${config.api.host}:${config.api.port}`).replace(/\/$/, '');

/** The dispatcher's settings from the configuration. */
export const notifySettings = (config: Config): NotifySettings => ({
  baseUrl: publicBaseUrl(config),
  digestHour: config.notifications.digestHour,
  retry: config.notifications.retry,
  departments: config.notifications.departments,
  ...(config.notifications.personalWebhook ? { personalWebhook: config.notifications.personalWebhook } : {}),
});

/** The channels the configuration turns on; secrets are read here, from the environment or files. */
export function configuredChannels(config: Config, env: Record<string, string | undefined> = process.env): Channel[] {
  const n = config.notifications;
  const baseUrl = publicBaseUrl(config);
  const out: Channel[] = [];
  if (n.email) out.push(emailChannel({ ...n.email, baseUrl }));
  for (const [name, w] of Object.entries(n.webhooks)) {
    const url = w.url ?? readSecret({ env: w.urlEnv! }, `notifications.webhooks.${name}.urlEnv`, env);
    const secret = w.secret ? readSecret(w.secret, `notifications.webhooks.${name}.secret`, env) : undefined;
    out.push(webhookChannel({ name, kind: w.kind, url, ...(secret ? { secret } : {}), perMinute: w.perMinute, baseUrl }));
  }
  return out;
}

/** An outbox that keeps each notice (the message centre reads it) and then plans its deliveries. */
export function notifyingOutbox(inner: Outbox, dispatcher: Dispatcher): Outbox {
  return {
    async deliver(effect) {
      await inner.deliver(effect);
      await dispatcher.plan(noticeOf(effect));
    },
  };
}

/** The dispatcher for a worker process on a data folder, reading the users from its identity store. */
export function dispatcherFor(config: Config, dataDir: string, channels: Channel[] = configuredChannels(config)): Dispatcher {
  return new Dispatcher({
    dir: dataDir,
    writer: config.notifications.writer,
    settings: notifySettings(config),
    channels,
    users: followPeople(path.join(dataDir, 'identities.json')),
    log: (line) => console.log(line),
  });
}
