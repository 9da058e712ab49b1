// Thin interop over ApexCharts (served from wwwroot/lib): one chart per element, created, updated, destroyed.
import { library } from './library.js';

const charts = new WeakMap();

// JSON cannot carry functions: null options are dropped (ApexCharts' defaults apply) and the click handler that
// reports a bar or slice back to .NET is added here.
function prepare(options, component) {
  const clean = JSON.parse(JSON.stringify(options, (key, value) => (value === null ? undefined : value)));
  if (component) {
    clean.chart.events = {
      dataPointSelection: (event, context, config) => component.invokeMethodAsync('Select', config.dataPointIndex),
    };
  }
  return clean;
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
