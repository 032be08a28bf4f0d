import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { SloHistoryResponse } from '@sre-catalog/backstage-plugin-sre-common';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useSloHistory } from '../useSloHistory';
import { budgetRemainingInWords } from '../sloLabels';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SreTranslate, sreTranslationRef } from '../../translation';

const DAYS = 30;

function dayLabel(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** A sentence for screen readers (and tests): first and last point with data. */
export function burndownSummary(
  t: SreTranslate,
  points: SloHistoryResponse['points'],
): string {
  const known = points.filter(p => p.errorBudgetRemaining !== null);
  if (known.length === 0) {
    return t('slos.burndown.summaryNoData', { days: String(DAYS) });
  }
  const first = known[0];
  const last = known[known.length - 1];
  return t('slos.burndown.summary', {
    first: budgetRemainingInWords(t, first.errorBudgetRemaining),
    firstDay: dayLabel(first.day),
    last: budgetRemainingInWords(t, last.errorBudgetRemaining),
    lastDay: dayLabel(last.day),
  });
}

function BurndownChart(props: {
  sloRef: string;
  points: SloHistoryResponse['points'];
}) {
  const { t } = useTranslationRef(sreTranslationRef);
  const theme = useTheme();
  const data = props.points.map(p => ({
    day: dayLabel(p.day),
    remaining:
      p.errorBudgetRemaining === null
        ? null
        : Math.round(p.errorBudgetRemaining * 1000) / 10,
  }));
  const values = data
    .map(d => d.remaining)
    .filter((v): v is number => v !== null);
  // The axis: from 100% (or more) down to 0% (or the most overspent day), in
  // steps of 25% (wider when the budget is far overspent).
  const span = Math.max(100, ...values) - Math.min(0, ...values);
  let step = 100;
  if (span <= 150) step = 25;
  else if (span <= 300) step = 50;
  const top = Math.max(100, Math.ceil(Math.max(...values, 0) / step) * step);
  const bottom = Math.min(0, Math.floor(Math.min(...values, 0) / step) * step);
  const ticks: number[] = [];
  for (let tick = bottom; tick <= top; tick += step) ticks.push(tick);
  // The gradient spans the area's own box, from its highest point (or 0) to its
  // lowest (or 0): green above 0, red below.
  const high = Math.max(0, ...values);
  const low = Math.min(0, ...values);
  const zero = high === low ? 1 : high / (high - low);
  // One gradient per chart: several charts share the page.
  const gradientId = `sre-burndown-${props.sloRef.replace(
    /[^a-zA-Z0-9-]/g,
    '-',
  )}`;

  return (
    <ResponsiveContainer width="100%" height={200}>
      <AreaChart data={data} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
        <defs>
          <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
            <stop
              offset={zero}
              stopColor={theme.palette.success.main}
              stopOpacity={0.35}
            />
            <stop
              offset={zero}
              stopColor={theme.palette.error.main}
              stopOpacity={0.45}
            />
          </linearGradient>
        </defs>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" minTickGap={24} tick={{ fontSize: 12 }} />
        <YAxis
          domain={[bottom, top]}
          ticks={ticks}
          interval={0}
          tickFormatter={v => `${v}%`}
          tick={{ fontSize: 12 }}
          width={48}
        />
        <Tooltip
          formatter={(value: number) => [
            budgetRemainingInWords(t, value / 100),
            t('slos.burndown.tooltip'),
          ]}
        />
        <ReferenceLine
          y={0}
          stroke={theme.palette.error.main}
          strokeWidth={1.5}
          label={{
            value: t('slos.burndown.exhausted'),
            position: 'insideBottomRight',
            fill: theme.palette.error.main,
            fontSize: 11,
          }}
        />
        <Area
          type="monotone"
          dataKey="remaining"
          name={t('slos.burndown.area')}
          stroke={theme.palette.primary.main}
          fill={`url(#${gradientId})`}
          isAnimationActive={false}
          connectNulls={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}

/** @public */
export type BudgetBurndownChartProps = {
  sloRef: string;
};

/**
 * The error budget remaining at the end of each of the last 30 days, with the line
 * where it is exhausted. Below that line the area turns red.
 *
 * @public
 */
export function BudgetBurndownChart(props: BudgetBurndownChartProps) {
  const { t } = useTranslationRef(sreTranslationRef);
  const { value, loading, error } = useSloHistory(props.sloRef, DAYS);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = (
      <Typography variant="body2" color="error">
        {t('slos.burndown.loadError', { error: error.message })}
      </Typography>
    );
  } else if (value && value.points.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {t('slos.burndown.noHistory')}
      </Typography>
    );
  } else if (value) {
    body = (
      <div role="img" aria-label={burndownSummary(t, value.points)}>
        <BurndownChart sloRef={props.sloRef} points={value.points} />
      </div>
    );
  }

  return (
    <Box>
      <Typography variant="subtitle2" gutterBottom>
        {t('slos.burndown.title', { days: String(DAYS) })}
      </Typography>
      {body}
    </Box>
  );
}
