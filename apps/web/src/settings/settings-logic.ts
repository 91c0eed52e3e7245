import { ApiRequestError } from '../api/client';
import type { ImportRowError, OrgSettings, Person, Seat } from './settings-api';

/** The row errors of a refused CSV import (empty when the error is not one). */
export function importRowErrors(error: unknown): ImportRowError[] {
  if (!(error instanceof ApiRequestError) || error.status !== 400) return [];
  const errors = error.body?.['errors'];
  if (!Array.isArray(errors)) return [];
  return errors.filter((entry): entry is ImportRowError => typeof entry === 'object' && entry !== null && typeof (entry as ImportRowError).row === 'number');
}

/** A 400's per-field messages by field path, e.g. `{ targetShare: 'must be between 0 and 1' }`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiRequestError) || error.status !== 400) return {};
  const errors = error.body?.['errors'];
  if (!Array.isArray(errors)) return {};
  const byField: Record<string, string> = {};
  for (const entry of errors as { path?: unknown; message?: unknown }[]) {
    if (typeof entry?.path === 'string' && typeof entry.message === 'string' && !(entry.path in byField)) byField[entry.path] = entry.message;
  }
  return byField;
}

/** AI PR labels as typed: one per line or comma-separated, trimmed, without blanks or repeats. */
export function parseLabels(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((label) => label.trim()).filter(Boolean))];
}

export type OrgSettingsForm = { timeZone: string; privacyMinGroupSize: string; codingTimeShare: string; aiPrLabels: string };
export type OrgSettingsField = keyof OrgSettingsForm;

export function orgSettingsForm(settings: OrgSettings): OrgSettingsForm {
  return {
    timeZone: settings.timeZone,
    privacyMinGroupSize: String(settings.privacyMinGroupSize),
    codingTimeShare: String(settings.codingTimeShare),
    aiPrLabels: settings.aiPrLabels.join('\n'),
  };
}

export type SettingsProblem = 'required' | 'integerRange' | 'shareRange';

/**
 * The PATCH body for what changed, or the fields the browser can already tell are wrong (the API checks
 * everything again and its 400 names the field too).
 */
export function orgSettingsPatch(
  form: OrgSettingsForm,
  saved: OrgSettings,
): { patch: Partial<OrgSettings>; problems: Partial<Record<OrgSettingsField, SettingsProblem>> } {
  const patch: Partial<OrgSettings> = {};
  const problems: Partial<Record<OrgSettingsField, SettingsProblem>> = {};
  const timeZone = form.timeZone.trim();
  if (!timeZone) problems.timeZone = 'required';
  else if (timeZone !== saved.timeZone) patch.timeZone = timeZone;

  const size = Number(form.privacyMinGroupSize.trim());
  if (!form.privacyMinGroupSize.trim() || !Number.isInteger(size) || size < 1 || size > 1000) problems.privacyMinGroupSize = 'integerRange';
  else if (size !== saved.privacyMinGroupSize) patch.privacyMinGroupSize = size;

  const share = Number(form.codingTimeShare.trim());
  if (!form.codingTimeShare.trim() || !Number.isFinite(share) || share <= 0 || share > 1) problems.codingTimeShare = 'shareRange';
  else if (share !== saved.codingTimeShare) patch.codingTimeShare = share;

  const labels = parseLabels(form.aiPrLabels);
  if (labels.join('\n') !== saved.aiPrLabels.join('\n')) patch.aiPrLabels = labels;
  return { patch, problems };
}

export type SeatStatus = 'active' | 'ended' | 'upcoming';

/** Whether a seat is held on `today` (start and end dates are inclusive, as in the directory). */
export function seatStatus(seat: Pick<Seat, 'startDate' | 'endDate'>, today: string): SeatStatus {
  if (seat.startDate > today) return 'upcoming';
  if (seat.endDate !== null && seat.endDate < today) return 'ended';
  return 'active';
}

/** A person's name and first email (or other identity) for lists and choosers. */
export function personLabel(person: Pick<Person, 'name' | 'identities'>): string {
  const identity = person.identities.find((entry) => entry.kind === 'email') ?? person.identities[0];
  return identity ? `${person.name} <${identity.value}>` : person.name;
}

/** People whose name or any identity contains the query (case-insensitive), in name order. */
export function filterPeople<Candidate extends Pick<Person, 'name' | 'identities'>>(people: readonly Candidate[], query: string): Candidate[] {
  const needle = query.trim().toLowerCase();
  const matches = needle
    ? people.filter((person) => person.name.toLowerCase().includes(needle) || person.identities.some((identity) => identity.value.toLowerCase().includes(needle)))
    : [...people];
  return matches.sort((a, b) => a.name.localeCompare(b.name));
}

/** "30" (percent, as typed) → 0.3; undefined when it is not a number from 0 to 100. */
export function shareFromPercent(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const percent = Number(trimmed);
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return undefined;
  return Math.round(percent * 100) / 10_000;
}
