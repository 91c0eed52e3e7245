import { useMemo, useState, type FormEvent } from 'react';
import type { Session } from '../api/types';
import { EmptyState } from '../components/states';
import { formatDate } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import { todayIn } from '../state/dates';
import { ConfirmButton, LoadedView, Outcome, errorMessage } from './parts';
import { settingsApi, type Person, type Seat } from './settings-api';
import { fieldErrors, filterPeople, personLabel, seatStatus } from './settings-logic';
import { useLoad } from './useLoad';

/** The table shows at most this many seats; the search narrows it. */
const MAX_ROWS = 200;

type OutcomeState = { kind: 'ok' | 'error'; text: string } | null;

/** Who holds a seat of which tool, from when to when: assign, end and delete seats. */
export function SeatsSection({ session }: { session: Session }) {
  const { t } = useI18n();
  const { state, reload } = useLoad((signal) => settingsApi.people(signal));
  const today = todayIn(session.org.timeZone);
  return (
    <LoadedView state={state} onRetry={reload} failedTitle={t('settings.seats.loadFailed')}>
      {(people) => <Seats people={people} today={today} reload={reload} />}
    </LoadedView>
  );
}

function Seats({ people, today, reload }: { people: Person[]; today: string; reload: () => void }) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const [outcome, setOutcome] = useState<OutcomeState>(null);
  const sorted = useMemo(() => filterPeople(people, ''), [people]);
  const tools = useMemo(() => [...new Set(people.flatMap((person) => person.seats.map((seat) => seat.tool)))].sort(), [people]);
  const rows = useMemo(
    () =>
      filterPeople(people, query).flatMap((person) =>
        [...person.seats].sort((a, b) => a.tool.localeCompare(b.tool) || a.startDate.localeCompare(b.startDate)).map((seat) => ({ person, seat })),
      ),
    [people, query],
  );
  const shown = rows.slice(0, MAX_ROWS);
  const act = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      setOutcome({ kind: 'ok', text: done });
      reload();
    } catch (error: unknown) {
      setOutcome({ kind: 'error', text: t('settings.actionFailed', { message: errorMessage(error) }) });
    }
  };

  if (people.length === 0) {
    return (
      <EmptyState title={t('settings.seats.noPeople')}>
        <p>{t('settings.seats.noPeopleHint')}</p>
      </EmptyState>
    );
  }
  return (
    <div className="settings-stack">
      <AssignSeatForm people={sorted} tools={tools} today={today} onAssigned={(text) => {
        setOutcome({ kind: 'ok', text });
        reload();
      }} />
      <div className="settings-card">
        <div className="settings-card-head">
          <h3 id="seats-list-title">{t('settings.seats.listTitle')}</h3>
          <div className="field field-inline">
            <label className="field-label" htmlFor="seats-search">
              {t('settings.seats.search')}
            </label>
            <input id="seats-search" type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
          </div>
        </div>
        <Outcome outcome={outcome} />
        {rows.length === 0 ? (
          <EmptyState title={query.trim() ? t('settings.seats.noMatch') : t('settings.seats.none')}>
            <p>{t('settings.seats.noneHint')}</p>
          </EmptyState>
        ) : (
          <>
            <p className="small muted" role="status">
              {rows.length > MAX_ROWS ? t('settings.seats.showingSome', { shown: MAX_ROWS, total: rows.length }) : t('settings.seats.count', { count: rows.length })}
            </p>
            <div className="table-scroll">
              <table className="data-table" aria-labelledby="seats-list-title">
                <thead>
                  <tr>
                    <th scope="col">{t('settings.seats.person')}</th>
                    <th scope="col">{t('settings.seats.tool')}</th>
                    <th scope="col">{t('settings.seats.start')}</th>
                    <th scope="col">{t('settings.seats.end')}</th>
                    <th scope="col">{t('settings.seats.status')}</th>
                    <th scope="col">{t('settings.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map(({ person, seat }) => {
                    const status = seatStatus(seat, today);
                    const names = { person: person.name, tool: seat.tool };
                    return (
                      <tr key={seat.id} data-seat-id={seat.id}>
                        <th scope="row">{personLabel(person)}</th>
                        <td>{seat.tool}</td>
                        <td>{formatDate(seat.startDate, locale)}</td>
                        <td>{seat.endDate ? formatDate(seat.endDate, locale) : t('settings.seats.open')}</td>
                        <td>{t(`settings.seats.status.${status}`)}</td>
                        <td className="settings-row-actions">
                          {seat.endDate === null || seat.endDate > today ? (
                            <EndSeat seat={seat} today={today} label={t('settings.seats.endFor', names)} onEnd={(endDate) => act(() => settingsApi.endSeat(seat.id, endDate), t('settings.seats.ended', names))} />
                          ) : null}
                          <ConfirmButton
                            label={t('settings.seats.deleteFor', names)}
                            confirmLabel={t('settings.seats.confirmDelete', names)}
                            onConfirm={() => act(() => settingsApi.deleteSeat(seat.id), t('settings.seats.deleted', names))}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
      </div>
    </div>
  );
}

/** "End" opens a date (today by default) and a confirm button in place. */
function EndSeat({ seat, today, label, onEnd }: { seat: Seat; today: string; label: string; onEnd: (endDate: string) => Promise<void> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(today < seat.startDate ? seat.startDate : today);
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  const dateId = `end-seat-${seat.id}`;
  return (
    <form
      className="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        try {
          await onEnd(date);
        } finally {
          setBusy(false);
          setOpen(false);
        }
      }}
    >
      <label className="visually-hidden" htmlFor={dateId}>
        {t('settings.seats.endDateFor', { tool: seat.tool })}
      </label>
      <input id={dateId} type="date" value={date} min={seat.startDate} required onChange={(event) => setDate(event.target.value)} autoFocus />
      <button type="submit" className="button button-small button-primary" disabled={busy || !date}>
        {t('settings.seats.confirmEnd')}
      </button>
      <button type="button" className="button button-small button-quiet" onClick={() => setOpen(false)} disabled={busy}>
        {t('settings.cancel')}
      </button>
    </form>
  );
}

function AssignSeatForm({ people, tools, today, onAssigned }: { people: Person[]; tools: string[]; today: string; onAssigned: (text: string) => void }) {
  const { t } = useI18n();
  const [personId, setPersonId] = useState('');
  const [tool, setTool] = useState('');
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<OutcomeState>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!personId) problems['person'] = t('settings.seats.choosePerson');
    if (!tool.trim()) problems['tool'] = t('settings.required');
    if (!startDate) problems['startDate'] = t('settings.required');
    if (endDate && startDate && endDate < startDate) problems['endDate'] = t('settings.endBeforeStart');
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setOutcome({ kind: 'error', text: t('settings.fixFields') });
      return;
    }
    setBusy(true);
    try {
      const person = await settingsApi.addSeat(personId, { tool: tool.trim(), startDate, ...(endDate ? { endDate } : {}) });
      setOutcome(null);
      setTool('');
      setEndDate('');
      onAssigned(t('settings.seats.assigned', { person: person.name, tool: tool.trim() }));
    } catch (error: unknown) {
      setErrors(fieldErrors(error));
      setOutcome({ kind: 'error', text: t('settings.actionFailed', { message: errorMessage(error) }) });
    } finally {
      setBusy(false);
    }
  };

  const invalid = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `seat-${name}-error` } : {});
  const error = (name: string) =>
    errors[name] ? (
      <span id={`seat-${name}-error`} className="field-error">
        {errors[name]}
      </span>
    ) : null;

  return (
    <form className="settings-card" onSubmit={submit} noValidate aria-labelledby="assign-seat-title">
      <h3 id="assign-seat-title">{t('settings.seats.assignTitle')}</h3>
      <div className="settings-row">
        <div className="field">
          <label className="field-label" htmlFor="seat-person">
            {t('settings.seats.person')}
          </label>
          <select id="seat-person" value={personId} onChange={(event) => setPersonId(event.target.value)} {...invalid('person')}>
            <option value="">{t('settings.seats.choosePerson')}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {personLabel(person)}
              </option>
            ))}
          </select>
          {error('person')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor="seat-tool">
            {t('settings.seats.tool')}
          </label>
          <input id="seat-tool" type="text" list="seat-tools" value={tool} maxLength={64} onChange={(event) => setTool(event.target.value)} {...invalid('tool')} />
          <datalist id="seat-tools">
            {tools.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          {error('tool')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor="seat-startDate">
            {t('settings.seats.start')}
          </label>
          <input id="seat-startDate" type="date" value={startDate} onChange={(event) => setStartDate(event.target.value)} {...invalid('startDate')} />
          {error('startDate')}
        </div>
        <div className="field">
          <label className="field-label" htmlFor="seat-endDate">
            {t('settings.seats.endOptional')}
          </label>
          <input id="seat-endDate" type="date" value={endDate} min={startDate || undefined} onChange={(event) => setEndDate(event.target.value)} {...invalid('endDate')} />
          {error('endDate')}
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('settings.saving') : t('settings.seats.assign')}
        </button>
      </div>
      <Outcome outcome={outcome} />
    </form>
  );
}
