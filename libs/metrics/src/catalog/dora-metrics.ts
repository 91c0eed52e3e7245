import type { MetricDefinition } from '../definition';
import { DELIVERY_DIMENSIONS, WORK_ITEM_DIMENSIONS } from './dimensions';

/**
 * DORA metrics, DevLake-compatible (see the metrics README and the DevLake conformance test). A deployment is a
 * deploymentId with at least one successful production `deployment.finished`; it finishes when its last such
 * event does.
 */
export const DORA_METRICS: readonly MetricDefinition[] = [
  {
    id: 'deployments',
    name: 'Deployments',
    unit: 'deployments',
    kind: 'count',
    description:
      'Successful production deployments finished in the bucket: deployment.finished with status success and environment production (case-insensitive), each deploymentId once, at its latest finish.',
    source: 'production_deployments',
    value: 'count()',
    dimensions: WORK_ITEM_DIMENSIONS,
    params: [],
  },
  {
    id: 'lead_time_for_changes',
    name: 'Lead time for changes',
    unit: 'hours',
    kind: 'statistic',
    description:
      "DevLake's median PR cycle time, in hours, of PRs deployed in the bucket: per merged PR (each (repo, number) once), minutes = coding (first commit → created) + created → merged + deploy (merged → finish of the first successful production deployment whose commitSha or commits holds its mergeCommitSha), each part ceil(Δ / 1 min) and left out when negative; the bucket is that deployment's finish; lower median ÷ 60.",
    source: 'deployed_pull_requests',
    value: 'quantileExactLow(0.5)(cycle_minutes) / 60',
    dimensions: DELIVERY_DIMENSIONS,
    params: [],
  },
  {
    id: 'change_failure_rate',
    name: 'Change failure rate',
    unit: 'ratio',
    kind: 'ratio',
    description:
      'Successful production deployments in the bucket with at least one incident ÷ those deployments. An incident (each incidentId once, any time) belongs to its deploymentId, else to the latest successful production deployment of its repo (of any repo when it names none) that finished before it opened.',
    source: 'production_deployments_with_incidents',
    numerator: 'countIf(has_incident)',
    denominator: 'count()',
    dimensions: WORK_ITEM_DIMENSIONS,
    params: [],
  },
  {
    id: 'recovery_time',
    name: 'Recovery time',
    unit: 'hours',
    kind: 'statistic',
    description:
      "Lower median of incident resolved − the finish of the deployment it belongs to (see change_failure_rate), in hours, over incidents resolved in the bucket (each incidentId once, first resolution); grouped by the incident's team and repo. Incidents without a deployment are left out.",
    source: 'recovered_incidents',
    value: 'quantileExactLow(0.5)(recovery_hours)',
    dimensions: WORK_ITEM_DIMENSIONS,
    params: [],
  },
];
