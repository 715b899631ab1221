import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../temporal.config.js';
import { startStack } from '../../scripts/stack.js';

describe('npm start with a process role', () => {
  it('refuses a worker-only or API-only process without a shared cluster, saying what is needed', async () => {
    for (const role of ['worker', 'api']) {
      await expect(startStack(loadConfig({ PROCESS_ROLE: role }))).rejects.toThrow(`PROCESS_ROLE=${role} needs TEMPORAL_ADDRESS`);
    }
  });
});
