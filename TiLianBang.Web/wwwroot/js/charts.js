// Thin interop over ApexCharts (served from wwwroot/lib): one chart per element, created, updated, destroyed.
import { library } from './library.js';

const charts = new WeakMap();

export async function render(element, options) {
  await library('apexcharts');
  const existing = charts.get(element);
  if (existing) {
    existing.updateOptions(options, true, true);
    return;
  }
  const chart = new ApexCharts(element, options);
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
