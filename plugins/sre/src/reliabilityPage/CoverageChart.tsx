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

/** A bar per engagement model (and "undeclared"): how many services use it. */
export function CoverageChart(props: { totals: CoverageResponse['totals'] }) {
  const theme = useTheme();
  const data = [...ENGAGEMENT_MODELS, 'undeclared' as const].map(model => ({
    model,
    services: props.totals.byEngagement[model] ?? 0,
  }));
  const summary = data.map(d => `${d.model}: ${d.services}`).join(', ');
  return (
    <InfoCard title="Services per engagement model">
      <div role="img" aria-label={`Services per engagement model: ${summary}`}>
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
              name="Services"
              fill={theme.palette.primary.main}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </InfoCard>
  );
}
