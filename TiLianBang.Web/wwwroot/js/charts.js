// Thin interop over ApexCharts (served from wwwroot/lib): one chart per element, created, updated, destroyed.
import { library } from './library.js';

const charts = new WeakMap();

// JSON cannot carry functions: null options are dropped (ApexCharts' defaults apply) and the click handler that
// reports a bar or slice back to .NET is added here.
function prepare(options, component) {
  const clean = JSON.parse(JSON.stringify(options, (key, value) => (value === null ? undefined : value)));
  integerAxis(clean);
  if (component) {
    clean.chart.events = {
      dataPointSelection: (event, context, config) => component.invokeMethodAsync('Select', config.dataPointIndex),
    };
  }
  return clean;
}

// Counts are whole numbers: when every value is one, the value axis shows whole ticks only (no 0.5 runs, and no
// "0 1 1 2" from rounding half steps) and at most as many ticks as the largest value.
function integerAxis(options) {
  if (options.chart.type === 'donut' || options.chart.type === 'pie') return;
  const values = (options.series || []).flatMap((s) => s.data || []);
  if (!values.length || !values.every(Number.isInteger)) return;
  const max = Math.max(1, ...values);
  const axis = { tickAmount: Math.min(max, 6), forceNiceScale: true, labels: { formatter: (v) => (Number.isInteger(v) ? String(v) : Math.round(v).toString()) } };
  if (options.plotOptions && options.plotOptions.bar && options.plotOptions.bar.horizontal) {
    options.xaxis = { ...options.xaxis, tickAmount: axis.tickAmount, labels: { ...(options.xaxis || {}).labels, formatter: axis.labels.formatter } };
  } else {
    options.yaxis = { ...options.yaxis, ...axis, ...(values.every((v) => v >= 0) ? { min: 0 } : {}) };
  }
}

export async function render(element, options, component) {
  await library('apexcharts');
  const prepared = prepare(options, component);
  const existing = charts.get(element);
  if (existing) {
    existing.updateOptions(prepared, true, true);
    return;
  }
  const chart = new ApexCharts(element, prepared);
  charts.set(element, chart);
  chart.render();
}

export function destroy(element) {
  const chart = charts.get(element);
  if (chart) {
    chart.destroy();
    charts.delete(element);
  }
}
