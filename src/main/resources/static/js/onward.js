// Sends the CSRF token with every htmx request (forms rendered by Thymeleaf carry it already).
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) e.detail.headers[header.content] = token.content;
});
// Charts declare their option as JSON in data-chart; re-run after htmx swaps.
function onwardCharts(root) {
  (root || document).querySelectorAll('[data-chart]').forEach(function (el) {
    var option = JSON.parse(el.getAttribute('data-chart'));
    if (option.tooltip && option.tooltip.gantt) {
      // ECharts writes a formatter's result as HTML: names come from playbooks people edit, so encode them.
      option.tooltip = { formatter: function (p) { return echarts.format.encodeHTML(String((p.data && p.data.label) || p.name || '')); } };
    }
    if (option.series) option.series.forEach(function (s) {
      if (s.type === 'custom' && s.renderItem === 'gantt') s.renderItem = ganttItem;
    });
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    chart.setOption(option, true);
    window.addEventListener('resize', function () { chart.resize(); });
  });
}
// One bar per [row, start, end] with a thinner bar for the plan underneath the forecast.
function ganttItem(params, api) {
  var row = api.value(0), start = api.coord([api.value(1), row]), end = api.coord([api.value(2), row]);
  var h = api.size([0, 1])[1] * (api.value(3) === 1 ? 0.28 : 0.5);
  var y = start[1] - (api.value(3) === 1 ? -h * 0.9 : h / 2);
  return { type: 'rect', shape: { x: start[0], y: y, width: Math.max(end[0] - start[0], 3), height: h }, style: api.style() };
}
document.addEventListener('DOMContentLoaded', function () { onwardCharts(); });
document.addEventListener('htmx:afterSwap', function (e) { onwardCharts(e.target); });
// Selects marked data-autosubmit send their form when changed (no inline handlers: the CSP forbids them).
document.addEventListener('change', function (e) {
  var el = e.target;
  if (el && el.hasAttribute && el.hasAttribute('data-autosubmit') && el.form) el.form.submit();
});
// Forms marked data-confirm do something that cannot be undone: they ask first, in the page's language.
document.addEventListener('submit', function (e) {
  var form = e.target;
  if (form && form.hasAttribute && form.hasAttribute('data-confirm') && !window.confirm(form.getAttribute('data-confirm'))) {
    e.preventDefault();
  }
});
