import { useEffect, useRef, useState } from 'react';
import { describeNode, type OptimizerConfig, type ScheduleConfig, type TrainingSetup } from '../../document';
import { registry } from '../../kinds';
import { formatNumber } from '../../engine';
import { useEditor, useEditorApi } from '../../store/context';
import { proposeTraining } from '../../train';
import { useHost } from '../host-context';
import { BoundaryView, UnitView } from './BoundaryView';
import { MetricsCharts } from './MetricsCharts';
import { metricsCsv } from './metrics-csv';

const OPTIMIZER_DEFAULTS: { readonly [N in OptimizerConfig['name']]: Extract<OptimizerConfig, { name: N }> } = {
  sgd: { name: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0 },
  rmsprop: { name: 'rmsprop', lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0 },
  adam: { name: 'adam', lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 },
  adamw: { name: 'adamw', lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01 },
};
const OPTIMIZER_LABELS: Record<OptimizerConfig['name'], string> = { sgd: 'SGD', rmsprop: 'RMSprop', adam: 'Adam', adamw: 'AdamW' };
const SCHEDULE_DEFAULTS: { readonly [N in ScheduleConfig['name']]: Extract<ScheduleConfig, { name: N }> } = {
  constant: { name: 'constant' },
  step: { name: 'step', stepSize: 30, gamma: 0.1 },
  exponential: { name: 'exponential', gamma: 0.99 },
  cosine: { name: 'cosine', tMax: 100, etaMin: 0 },
};

/** A number field that commits on Enter or leaving it, and says why a value is refused. */
function NumberField({ label, value, onCommit, min, max, integer, testId, title }: {
  label: string; value: number; onCommit: (v: number) => void; min?: number; max?: number; integer?: boolean; testId: string; title?: string;
}) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setText(String(value)); setError(null); }, [value]);
  const commit = (): void => {
    const v = Number(text.trim());
    const why = text.trim() === '' || !Number.isFinite(v) ? 'a number, please'
      : integer && !Number.isInteger(v) ? 'a whole number, please'
        : min !== undefined && v < min ? `at least ${min}`
          : max !== undefined && v > max ? `at most ${max}` : null;
    if (why) { setError(why); return; }
    setError(null);
    if (v !== value) onCommit(v);
  };
  return (
    <label className="field" title={title}>
      <span>{label}</span>
      <span>
        <input type="text" inputMode="decimal" value={text} data-testid={testId} aria-invalid={error !== null}
          onChange={(e) => setText(e.target.value)} onBlur={commit}
          onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') { setText(String(value)); setError(null); } }} />
        {error && <span className="field-error" role="alert">{error}</span>}
      </span>
    </label>
  );
}

function Settings({ setup, set }: { setup: TrainingSetup; set: (patch: Partial<TrainingSetup>) => void }) {
  const opt = setup.optimizer;
  const setOpt = (patch: Partial<OptimizerConfig>): void => set({ optimizer: { ...opt, ...patch } as OptimizerConfig });
  const sched = setup.schedule;
  return (
    <div data-testid="train-settings">
      <label className="field">
        <span>Optimiser</span>
        <select value={opt.name} data-testid="train-optimizer" onChange={(e) => {
          const name = e.target.value as OptimizerConfig['name'];
          set({ optimizer: { ...OPTIMIZER_DEFAULTS[name], lr: opt.lr } as OptimizerConfig });
        }}>
          {Object.entries(OPTIMIZER_LABELS).map(([k, l]) => <option key={k} value={k}>{l}</option>)}
        </select>
      </label>
      <NumberField label="Learning rate" value={opt.lr} min={1e-12} max={1e6} testId="train-lr" onCommit={(lr) => setOpt({ lr })}
        title="Takes effect at once, also while training runs" />
      {opt.name === 'sgd' && (
        <>
          <NumberField label="Momentum" value={opt.momentum} min={0} max={0.999999} testId="train-momentum" onCommit={(momentum) => setOpt({ momentum, ...(momentum === 0 ? { nesterov: false } : {}) } as Partial<OptimizerConfig>)} />
          <label className="field"><span>Nesterov</span>
            <input type="checkbox" checked={opt.nesterov} disabled={opt.momentum === 0} title={opt.momentum === 0 ? 'Nesterov needs momentum above 0' : undefined}
              onChange={(e) => setOpt({ nesterov: e.target.checked } as Partial<OptimizerConfig>)} />
          </label>
        </>
      )}
      <NumberField label="Weight decay" value={opt.weightDecay} min={0} max={1e6} testId="train-wd" onCommit={(weightDecay) => setOpt({ weightDecay })} />
      <label className="field">
        <span>Schedule</span>
        <select value={sched.name} data-testid="train-schedule" onChange={(e) => set({ schedule: SCHEDULE_DEFAULTS[e.target.value as ScheduleConfig['name']] })}>
          <option value="constant">constant</option>
          <option value="step">step (×γ every n epochs)</option>
          <option value="exponential">exponential (×γ per epoch)</option>
          <option value="cosine">cosine annealing</option>
        </select>
      </label>
      {sched.name === 'step' && (
        <>
          <NumberField label="Every n epochs" value={sched.stepSize} min={1} integer testId="train-step-size" onCommit={(stepSize) => set({ schedule: { ...sched, stepSize } })} />
          <NumberField label="γ" value={sched.gamma} min={1e-12} testId="train-gamma" onCommit={(gamma) => set({ schedule: { ...sched, gamma } })} />
        </>
      )}
      {sched.name === 'exponential' && <NumberField label="γ" value={sched.gamma} min={1e-12} testId="train-gamma" onCommit={(gamma) => set({ schedule: { ...sched, gamma } })} />}
      {sched.name === 'cosine' && <NumberField label="Period (epochs)" value={sched.tMax} min={1} testId="train-tmax" onCommit={(tMax) => set({ schedule: { ...sched, tMax } })} />}
      <NumberField label="Batch size" value={setup.batchSize} min={1} max={1_000_000} integer testId="train-batch" onCommit={(batchSize) => set({ batchSize })} />
      <NumberField label="Epochs" value={setup.epochs} min={1} max={1_000_000} integer testId="train-epochs" onCommit={(epochs) => set({ epochs })} />
      <NumberField label="Seed" value={setup.seed} min={0} max={4294967295} integer testId="train-seed" onCommit={(seed) => set({ seed })}
        title="Seeds the shuffling: the same seed gives the same numbers, bit for bit" />
    </div>
  );
}

/** Where the examples come from, in words. */
function feedText(setup: Pick<TrainingSetup, 'feeds'>, nameOf: (id: string) => string): string {
  return setup.feeds.x === setup.feeds.y
    ? `Examples from ${nameOf(setup.feeds.x)} (its x and y)`
    : `Inputs from ${nameOf(setup.feeds.x)}, targets from ${nameOf(setup.feeds.y)}`;
}

/** The training panel: controls, status, the set-up, curves and (for two inputs) the decision boundary. */
export function TrainPanel() {
  const api = useEditorApi();
  const host = useHost();
  const setup = useEditor((s) => s.doc.training);
  const doc = useEditor((s) => s.doc);
  const run = useEditor((s) => s.run);
  const notice = useEditor((s) => s.runNotice);
  const presentation = useEditor((s) => s.presentation);
  const [logScale, setLogScale] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(320);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  const fontSize = presentation ? 17 : 13;
  const nameOf = (id: string): string => { const n = doc.nodes.find((m) => m.id === id); return n ? describeNode(n, registry.get(n.kind)) : `'${id}'`; };
  const s = api.getState();
  if (!setup) {
    const proposal = proposeTraining(doc);
    return (
      <div className="train" ref={ref} data-testid="train-panel">
        <h2>Training</h2>
        <p>This graph has no training set-up yet. Training feeds examples into the graph batch by batch — from a Data set
          node, or from a Tensor of inputs and a Tensor of targets (one example per row) — and lowers the objective (a
          loss) step by step.</p>
        {typeof proposal === 'string'
          ? <p className="hint" data-testid="train-missing">{proposal}</p>
          : (
            <>
              <p data-testid="train-proposal">{feedText(proposal, nameOf)}; {OPTIMIZER_LABELS[proposal.optimizer.name]}, learning
                rate {proposal.optimizer.lr}, batches of {proposal.batchSize}, {proposal.epochs} epochs.</p>
              <button type="button" data-testid="train-setup" onClick={() => s.commit({ ...doc, training: proposal })}>Set up training</button>
            </>
          )}
      </div>
    );
  }
  const p = run?.progress ?? null;
  const status = run?.status ?? 'ready';
  const playing = status === 'running' || status === 'starting';
  const ended = status === 'done' || status === 'diverged' || status === 'failed' || status === 'cancelled';
  const boundarySize = Math.max(160, Math.min(width - 16, 360));
  const units = run?.boundary?.units ?? [];
  const unitSize = Math.max(40, Math.min(64, Math.floor((width - 16) / 5) - 6));
  const exportCsv = (): void => {
    if (!run?.epochs.length) return;
    const name = s.fileName.replace(/(\.sorix)?\.json$/, '') + '-training.csv';
    void host.saveFileAs({ text: metricsCsv(run.epochs), suggestedName: name });
  };
  return (
    <div className="train" ref={ref} data-testid="train-panel">
      <h2>Training</h2>
      <div className="train-controls" role="group" aria-label="Training controls">
        {playing
          ? <button type="button" data-testid="train-pause" onClick={() => s.trainPause()} title="Pause after the current slice; Play goes on from here">Pause</button>
          : <button type="button" data-testid="train-play" onClick={() => s.trainPlay()} disabled={ended} title="Train in the background until the last epoch">▶ Play</button>}
        <button type="button" data-testid="train-step" onClick={() => s.trainStep('batch')} disabled={playing || ended} title="One optimiser step on the next batch">Step</button>
        <button type="button" data-testid="train-step-epoch" onClick={() => s.trainStep('epoch')} disabled={playing || ended} title="Train to the end of the current epoch">Epoch</button>
        <button type="button" data-testid="train-reset" onClick={() => s.trainReset()} disabled={!run} title="Forget the run: back to the weights in the document">Reset</button>
        <button type="button" data-testid="train-keep" onClick={() => s.keepTrainedWeights()} disabled={!run?.parameters || playing}
          title="Write the trained weights into the document (one undoable step)">Keep weights</button>
      </div>
      <div className="train-status" data-testid="train-status" data-status={status} aria-live="polite">
        {!run && 'Not started: press Play, or Step to take one batch.'}
        {run && status === 'starting' && 'Compiling the graph…'}
        {run && p && (
          <>
            <span>epoch <b data-testid="train-epoch">{p.epoch}</b> / {p.epochs}</span>
            <span>step {p.step}</span>
            {p.loss !== null && <span>batch loss <b data-testid="train-loss">{formatNumber(p.loss, 'float64')}</b></span>}
            {playing && <span>{Math.round(p.stepsPerSecond).toLocaleString('en')} steps/s</span>}
            <span>lr {formatNumber(p.lr, 'float64')}</span>
            <span className={`train-state ${status}`}>{status === 'done' ? 'finished' : status}</span>
          </>
        )}
      </div>
      {run?.message && <p className={status === 'diverged' || status === 'failed' ? 'error' : 'hint'} role="alert" data-testid="train-message">{run.message}</p>}
      {notice && <p className="hint" data-testid="train-notice">{notice}</p>}
      {run?.boundary && (
        <section aria-label="Decision boundary">
          <h3>Decision boundary</h3>
          <BoundaryView grid={run.boundary} points={run.info?.points ?? null} size={boundarySize} regression={run.info?.task === 'regression'} />
          {units.length > 0 && (
            <div className="train-units" data-testid="train-units">
              {units.map((u) => <UnitView key={`${u.node}:${u.unit}`} values={u.values} res={run.boundary!.res} size={unitSize} label={`${u.node}, unit ${u.unit}`} />)}
            </div>
          )}
        </section>
      )}
      {run && run.epochs.length > 0 && (
        <section aria-label="Curves">
          <h3>Curves</h3>
          <div className="train-chart-tools">
            <label><input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} data-testid="train-log" /> log scale</label>
            <button type="button" onClick={exportCsv} data-testid="train-csv" title="The loss, accuracy and learning rate of every epoch as CSV">Export CSV</button>
          </div>
          <MetricsCharts epochs={run.epochs} logScale={logScale} fontSize={fontSize} />
        </section>
      )}
      <h3>Set-up</h3>
      <p className="hint">{feedText(setup, nameOf)}.
        Changes are undoable; all but the learning rate apply from the next Reset.</p>
      <Settings setup={setup} set={(patch) => s.setTraining(patch)} />
    </div>
  );
}
