import { optim, type Tensor } from '../engine';
import type { OptimizerConfig, ScheduleConfig } from '../document/schema';

/** A set-up the engine cannot run (an optimiser or option it does not have yet): a message for the user. */
export class TrainSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainSetupError';
  }
}

type Make<N extends OptimizerConfig['name']> = (params: Tensor[], config: Extract<OptimizerConfig, { name: N }>) => optim.Optimizer;

/** An engine optimiser class looked up by its export name (so one the engine gains later plugs in without code here). */
function engineClass(name: string): (new (params: Tensor[], opts: Record<string, unknown>) => optim.Optimizer) | undefined {
  const c = (optim as unknown as Record<string, unknown>)[name];
  return typeof c === 'function' ? (c as new (params: Tensor[], opts: Record<string, unknown>) => optim.Optimizer) : undefined;
}

function construct(cls: string, params: Tensor[], opts: Record<string, unknown>, label: string): optim.Optimizer {
  const C = engineClass(cls);
  if (!C) throw new TrainSetupError(`${label} is not in this version of the engine yet; choose SGD, RMSprop or Adam`);
  return new C(params, opts);
}

/**
 * The optimisers by the name a file gives them: each makes the engine's optimiser from its settings. A new one is one
 * entry here and one in the file schema (`OptimizerSchema`).
 */
export const OPTIMIZERS: { readonly [N in OptimizerConfig['name']]: Make<N> } = {
  sgd: (params, c) => {
    const opt = construct('SGD', params, { lr: c.lr, momentum: c.momentum, weightDecay: c.weightDecay, ...(c.nesterov ? { nesterov: true } : {}) }, 'SGD');
    if (c.nesterov) {
      if (c.momentum === 0) throw new TrainSetupError('SGD: Nesterov momentum needs a momentum above 0');
      if ((opt.paramGroups[0] as Record<string, unknown>).nesterov !== true) throw new TrainSetupError('SGD with Nesterov momentum is not in this version of the engine yet; turn nesterov off');
    }
    return opt;
  },
  rmsprop: (params, c) => construct('RMSprop', params, { lr: c.lr, alpha: c.alpha, eps: c.eps, weightDecay: c.weightDecay }, 'RMSprop'),
  adam: (params, c) => construct('Adam', params, { lr: c.lr, betas: c.betas, eps: c.eps, weightDecay: c.weightDecay }, 'Adam'),
  adamw: (params, c) => construct('AdamW', params, { lr: c.lr, betas: c.betas, eps: c.eps, weightDecay: c.weightDecay }, 'AdamW'),
};

/** The engine optimiser for a set-up's optimiser config. */
export function makeOptimizer(params: Tensor[], config: OptimizerConfig): optim.Optimizer {
  if (params.length === 0) throw new TrainSetupError('nothing to train: every parameter is frozen, or the graph has no Linear layer and no Tensor with requiresGrad');
  return (OPTIMIZERS[config.name] as Make<typeof config.name>)(params, config as never);
}

/** The learning-rate schedule (stepped once per epoch), or null for a constant rate. */
export function makeSchedule(opt: optim.Optimizer, config: ScheduleConfig): optim.LRScheduler | null {
  switch (config.name) {
    case 'constant': return null;
    case 'step': return new optim.StepLR(opt, { stepSize: config.stepSize, gamma: config.gamma });
    case 'exponential': return new optim.ExponentialLR(opt, { gamma: config.gamma });
    case 'cosine': return new optim.CosineAnnealingLR(opt, { tMax: config.tMax, etaMin: config.etaMin });
  }
}
