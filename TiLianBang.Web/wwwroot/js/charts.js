// Thin interop over ApexCharts (served from wwwroot/lib): one chart per element, created, updated, destroyed.
const charts = new WeakMap();

export function render(element, options) {
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
