import { InfoCard } from '@backstage/core-components';
import { useTheme } from '@material-ui/core/styles';
import {
  CoverageResponse,
  ENGAGEMENT_MODELS,
} from '@sre-catalog/backstage-plugin-sre-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { sreTranslationRef } from '../translation';

/** A bar per engagement model (and "undeclared"): how many services use it. */
export function CoverageChart(props: { totals: CoverageResponse['totals'] }) {
  const theme = useTheme();
  const { t } = useTranslationRef(sreTranslationRef);
  const data = [...ENGAGEMENT_MODELS, 'undeclared' as const].map(model => ({
    model:
      model === 'undeclared' ? t('ownership.engagementChip.undeclared') : model,
    services: props.totals.byEngagement[model] ?? 0,
  }));
  const summary = data.map(d => `${d.model}: ${d.services}`).join(', ');
  return (
    <InfoCard title={t('page.chart.title')}>
      <div role="img" aria-label={t('page.chart.ariaLabel', { summary })}>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 16, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            {/* Every model is labelled: by default recharts drops the labels
                that would touch a neighbour, starting with the first. */}
            <XAxis dataKey="model" interval={0} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
            <Tooltip cursor={{ fill: theme.palette.action.hover }} />
            <Bar
              dataKey="services"
              name={t('page.chart.services')}
              fill={theme.palette.primary.main}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </InfoCard>
  );
}
