import type { EpochMetrics } from '../../train';

/** The curves of a run as CSV: one row per epoch, empty cells where a split or a metric does not exist. */
export function metricsCsv(epochs: readonly EpochMetrics[]): string {
  const classifier = epochs.some((e) => e.trainAccuracy !== undefined);
  const cols = ['epoch', 'train_loss', 'test_loss', ...(classifier ? ['train_accuracy', 'test_accuracy'] : []), 'lr', 'steps'];
  const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
  const rows = epochs.map((e) => [e.epoch, e.trainLoss, e.testLoss, ...(classifier ? [e.trainAccuracy, e.testAccuracy] : []), e.lr, e.steps].map(cell).join(','));
  return [cols.join(','), ...rows].join('\n') + '\n';
}
