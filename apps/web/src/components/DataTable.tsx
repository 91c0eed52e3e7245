import type { TableModel } from '../charts/table';
import { formatValue } from '../format';
import { useI18n } from '../i18n/I18nProvider';
import { TeamLink } from './TeamLink';

/** Figures as a table: the table panels, and every chart's "Table" view for keyboard and screen-reader users. */
export function DataTable({ table, caption, groupHeader, drillDown }: { table: TableModel; caption: string; groupHeader: string; drillDown: boolean }) {
  const { locale, t } = useI18n();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            {table.columns.map((column) => (
              <th key={column.key} scope="col" className="numeric">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{drillDown && row.team ? <TeamLink team={row.team} label={t('panel.openTeam', { team: row.team })} /> : row.label}</th>
              {row.values.map((value, index) => (
                <td key={table.columns[index]?.key ?? index} className="numeric">
                  {formatValue(value, table.columns[index]?.unit ?? '', locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
