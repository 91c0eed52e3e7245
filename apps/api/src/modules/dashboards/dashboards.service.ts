import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DashboardValidationError,
  loadDashboard,
  loadDashboards,
  toSummary,
  type DashboardDefinition,
  type DashboardSummary,
} from '@uplift/dashboards';
import { InvalidDashboardException } from './dashboards.exception';

export const DASHBOARDS_DIR = Symbol('DASHBOARDS_DIR');

/**
 * Dashboards as code: every request reads `dashboards/*.json` again, so adding or editing a file changes the
 * pages without a restart (a handful of small files; no cache to invalidate).
 */
@Injectable()
export class DashboardsService {
  private readonly logger = new Logger('Dashboards');

  constructor(@Inject(DASHBOARDS_DIR) private readonly dir: string) {}

  list(): DashboardSummary[] {
    return this.validated(() => loadDashboards(this.dir)).map(toSummary);
  }

  /** undefined when there is no such dashboard. */
  get(id: string): DashboardDefinition | undefined {
    return this.validated(() => loadDashboard(this.dir, id));
  }

  private validated<Result>(load: () => Result): Result {
    try {
      return load();
    } catch (error: unknown) {
      if (error instanceof DashboardValidationError) {
        this.logger.error(`invalid dashboard file:\n${error.message}`);
        throw new InvalidDashboardException(error);
      }
      throw error;
    }
  }
}
