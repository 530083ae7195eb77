import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelData } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';

import { selectors } from '../../selectors';
import { QuarryFrameMeta } from '../../types';

const CACHE_TEXT: Record<string, string> = {
  miss: 'not cached',
  hit: 'from cache',
  shared: 'shared with a concurrent identical query',
};

/** statsFromData reads what the backend put in frame meta for the last run, if anything. */
export function statsFromData(data?: PanelData): QuarryFrameMeta | undefined {
  const frame = data?.series?.find((f) => f.meta?.custom);
  return frame?.meta?.custom as QuarryFrameMeta | undefined;
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) {
    return `${Math.round(seconds * 1000)} ms`;
  }
  return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
}

export function QueryStats({ data }: { data?: PanelData }) {
  const styles = useStyles2(getStyles);
  const meta = statsFromData(data);
  if (!meta) {
    return null;
  }
  const parts: string[] = [];
  if (meta.rows !== undefined) {
    parts.push(`${meta.rows.toLocaleString('en-US')} ${meta.rows === 1 ? 'row' : 'rows'}`);
  }
  const exec = meta.stats?.ExecutionTime;
  if (typeof exec === 'number') {
    parts.push(`executed in ${formatDuration(exec)}`);
  }
  if (meta.cache) {
    parts.push(CACHE_TEXT[meta.cache] ?? meta.cache);
  }
  return (
    <div className={styles.stats} data-testid={selectors.query.stats}>
      {parts.join(' · ')}
      {meta.truncated && (
        <Tooltip content="The result reached the row limit; add summarize, project or take to see everything.">
          <span className={styles.warn}>
            <Icon name="exclamation-triangle" size="sm" /> may be truncated
          </span>
        </Tooltip>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  stats: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  warn: css({ color: theme.colors.warning.text, marginLeft: theme.spacing(1) }),
});
