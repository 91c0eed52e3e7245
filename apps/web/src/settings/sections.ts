/** The admin settings page's sections, in menu order; `?page=settings&section=<id>` opens one. */
export const SETTINGS_SECTIONS = ['organisation', 'directory-import', 'seats', 'rollout-phases', 'credentials'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
export const DEFAULT_SETTINGS_SECTION: SettingsSection = 'organisation';

/** Pages other than the dashboards. */
export const PAGES = ['settings'] as const;
export type Page = (typeof PAGES)[number];
