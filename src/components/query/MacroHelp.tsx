import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { selectors } from '../../selectors';

const ROWS: Array<[string, string]> = [
  ['$__timeFilter(Timestamp)', 'Timestamp between (datetime(from) .. datetime(to)), the dashboard range'],
  ['$__timeFilter()', 'The same on the time column set below'],
  ['$__timeFrom, $__timeTo', 'datetime(...) of the range start and end, in UTC'],
  ['$__timeInterval, $__interval', 'The panel interval as a timespan, e.g. bin(Timestamp, $__timeInterval)'],
  ['$__interval_ms', 'The panel interval in milliseconds'],
  ['$variable', "A dashboard variable as a string literal: 'value', or 'a', 'b' for in (...). Don't add quotes."],
];

export function MacroHelp() {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} data-testid={selectors.query.macroHelp}>
      <table className={styles.table}>
        <tbody>
          {ROWS.map(([macro, text]) => (
            <tr key={macro}>
              <td className={styles.macro}>
                <code>{macro}</code>
              </td>
              <td>{text}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.note}>
        Macros are expanded by the plugin backend, so alert rules behave like panels. The Defender APIs only keep 30
        days of data.
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1, 2),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  table: css({
    borderCollapse: 'collapse',
    td: { padding: theme.spacing(0.25, 1, 0.25, 0), verticalAlign: 'top' },
  }),
  macro: css({ whiteSpace: 'nowrap' }),
  note: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(1) }),
});
