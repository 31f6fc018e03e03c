import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FLOWS_DIR = path.join(__dirname, '..', '..', 'flows');

/**
 * A copy of the bureau's flows/ with one more category, `burst-main`, whose normal commitment is
 * 30 min to acknowledge and 2 h to a result. It has no key, so the voice menu is unchanged. Kept
 * out of the real flows/categories.json: the deadline tests need a 2 h commitment, the bureau does not.
 */
export function copyFlowsWithTwoHourCategory(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dutyline-sla-flows-'));
  fs.cpSync(FLOWS_DIR, dir, { recursive: true });
  const file = path.join(dir, 'categories.json');
  const content = JSON.parse(fs.readFileSync(file, 'utf8')) as { categories: unknown[] };
  content.categories.push({
    id: 'burst-main',
    name: { 'zh-CN': '爆管抢修', en: 'Burst water main' },
    commitments: {
      normal: { acknowledgeHours: 0.5, resultHours: 2 },
      important: { acknowledgeHours: 0.25, resultHours: 1 },
      urgent: { acknowledgeHours: 0.25, resultHours: 1 },
    },
  });
  fs.writeFileSync(file, JSON.stringify(content, null, 2));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
