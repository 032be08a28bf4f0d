import { IncidentBudgets } from './evaluation/SloBudgetCalculator';
import { SloIncidentStore } from './evaluation/SloIncidentStore';
import { SloIncidentsService } from './SloIncidentsService';

/** {@link SloIncidentsService} on the detector's store and the budget calculator. */
export class DefaultSloIncidentsService implements SloIncidentsService {
  static create(options: {
    incidentStore: SloIncidentStore;
    budgets: IncidentBudgets;
  }): DefaultSloIncidentsService {
    return new DefaultSloIncidentsService(
      options.incidentStore,
      options.budgets,
    );
  }

  private constructor(
    private readonly incidentStore: SloIncidentStore,
    private readonly budgets: IncidentBudgets,
  ) {}

  listIncidents(window: { fromMs: number; toMs: number }) {
    return this.incidentStore.listIncidents(window);
  }

  budgetConsumed(sloRefs: string[], window: { fromMs: number; toMs: number }) {
    return this.budgets.budgetConsumed(sloRefs, window);
  }
}
