import { useEffect } from 'react';
import type { Session } from '../api/types';
import { AppLink } from '../components/TeamLink';
import { ErrorState } from '../components/states';
import { useI18n } from '../i18n/I18nProvider';
import { useViewState } from '../state/navigation';
import { settingsViewState } from '../state/view-state';
import { CredentialsSection } from './CredentialsSection';
import { DirectoryImportSection } from './DirectoryImportSection';
import { OrgSettingsSection } from './OrgSettingsSection';
import { RolloutPhasesSection } from './RolloutPhasesSection';
import { SeatsSection } from './SeatsSection';
import { SETTINGS_SECTIONS, type SettingsSection } from './sections';

/** The admin pages: a menu of sections (each a URL) and the open section. Viewers get a refusal, as from the API. */
export function SettingsPage({ session, section }: { session: Session; section: SettingsSection }) {
  const { t } = useI18n();
  const viewState = useViewState();
  const sectionTitle = t(`settings.section.${section}`);

  useEffect(() => {
    document.title = `${sectionTitle} · ${t('settings.title')} · ${t('app.name')}`;
  }, [sectionTitle, t]);

  if (session.role !== 'admin') {
    return (
      <main id="main" className="page" tabIndex={-1}>
        <ErrorState title={t('settings.adminsOnly')} />
      </main>
    );
  }
  return (
    <main id="main" className="page settings-page" tabIndex={-1}>
      <div className="page-heading">
        <h1>{t('settings.title')}</h1>
        <p className="muted">{t('settings.intro', { org: session.org.name })}</p>
      </div>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('settings.sections')}>
          <ul>
            {SETTINGS_SECTIONS.map((id) => (
              <li key={id}>
                <AppLink state={settingsViewState(viewState, id)} current={id === section} className="settings-nav-link">
                  {t(`settings.section.${id}`)}
                </AppLink>
              </li>
            ))}
          </ul>
        </nav>
        <section className="settings-section" aria-labelledby="settings-section-title" data-section={section}>
          <h2 id="settings-section-title">{sectionTitle}</h2>
          <SectionBody key={section} section={section} session={session} />
        </section>
      </div>
    </main>
  );
}

function SectionBody({ section, session }: { section: SettingsSection; session: Session }) {
  switch (section) {
    case 'organisation':
      return <OrgSettingsSection />;
    case 'directory-import':
      return <DirectoryImportSection />;
    case 'seats':
      return <SeatsSection session={session} />;
    case 'rollout-phases':
      return <RolloutPhasesSection session={session} />;
    case 'credentials':
      return <CredentialsSection />;
  }
}
