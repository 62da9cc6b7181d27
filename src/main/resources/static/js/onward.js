// Sends the CSRF token with every htmx request (forms rendered by Thymeleaf carry it already).
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) e.detail.headers[header.content] = token.content;
});
// Charts declare their option as JSON in data-chart; re-run after htmx swaps. ECharts is fetched only
// on pages that have a chart: the common build (line, bar, pie, scatter) unless a chart needs more
// (heatmaps, visual maps). The project timeline and the health trend are drawn on the server, without it.
var onwardChartsLoading = {};
function onwardChartsLibrary(full, then) {
  if (window.echarts && (!full || window.echarts.__full)) { then(); return; }
  var key = full ? 'full' : 'common';
  if (onwardChartsLoading[key]) { onwardChartsLoading[key].push(then); return; }
  onwardChartsLoading[key] = [then];
  var meta = document.querySelector('meta[name="' + (full ? 'onward-charts-full' : 'onward-charts') + '"]');
  var script = document.createElement('script');
  script.src = meta ? meta.content : '/webjars/echarts/dist/echarts' + (full ? '' : '.common') + '.min.js';
  script.onload = function () {
    if (full) window.echarts.__full = true;
    onwardChartsLoading[key].forEach(function (f) { f(); });
    onwardChartsLoading[key] = null;
  };
  document.head.appendChild(script);
}
var COMMON_SERIES = { line: 1, bar: 1, pie: 1, scatter: 1 };
// A chart is drawn when it comes near the viewport (as a person scrolls to it), so a page whose charts are
// below the fold paints and answers taps without fetching ECharts; each chart is drawn in its own task.
var onwardChartsSeen = window.IntersectionObserver && new IntersectionObserver(function (entries, observer) {
  entries.forEach(function (entry) {
    if (!entry.isIntersecting) return;
    observer.unobserve(entry.target);
    drawWhenLoaded(entry.target);
  });
}, { rootMargin: '0px 0px 120px 0px' });
function drawWhenLoaded(el) {
  var option = JSON.parse(el.getAttribute('data-chart'));
  var full = !!option.visualMap;
  [].concat(option.series || []).forEach(function (s) { if (!COMMON_SERIES[s.type]) full = true; });
  onwardChartsLibrary(full, function () { setTimeout(function () { drawCharts([el]); }, 0); });
}
function onwardCharts(root) {
  (root || document).querySelectorAll('[data-chart]').forEach(function (el) {
    if (onwardChartsSeen) onwardChartsSeen.observe(el); else drawWhenLoaded(el);
  });
}
// Time axes speak the page's language ("Des", not "Dec") and never tick in hours: a single point
// shows its day, not 06:00, 12:00, 18:00.
function localTimeAxes(option) {
  var lang = document.documentElement.lang || 'en';
  var day = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short' });
  var month = new Intl.DateTimeFormat(lang, { month: 'short', year: 'numeric' });
  [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
    if (!axis || axis.type !== 'time') return;
    if (axis.minInterval === undefined) axis.minInterval = 24 * 3600 * 1000;
    axis.axisLabel = Object.assign({ hideOverlap: true }, axis.axisLabel || {});
    if (!axis.axisLabel.formatter) axis.axisLabel.formatter = function (value) {
      var d = new Date(value);
      return d.getDate() === 1 ? month.format(d) : day.format(d);
    };
  });
}
function drawCharts(charts) {
  charts.forEach(function (el) {
    var option = JSON.parse(el.getAttribute('data-chart'));
    localTimeAxes(option);
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    chart.setOption(option, true);
    window.addEventListener('resize', function () { chart.resize(); });
  });
}
document.addEventListener('DOMContentLoaded', function () { onwardCharts(); });
document.addEventListener('htmx:afterSwap', function (e) { onwardCharts(e.target); });
// Panels below the fold load when they come into view (hx-trigger="intersect once"). An address pointing into one
// (/projects/…#hypercare, where its forms send you back) loads them at once and scrolls to that part when it arrives.
(function () {
  var wanted = null;
  document.addEventListener('DOMContentLoaded', function () {
    var id = location.hash && decodeURIComponent(location.hash.slice(1));
    if (!id || document.getElementById(id) || !window.htmx) return;
    wanted = id;
    // After htmx has set the panels up in its own DOMContentLoaded listener.
    setTimeout(function () {
      document.querySelectorAll('[hx-trigger~="intersect"]').forEach(function (el) { htmx.trigger(el, 'intersect'); });
    }, 0);
  });
  document.addEventListener('htmx:afterSettle', function () {
    var el = wanted && document.getElementById(wanted);
    if (el) { wanted = null; el.scrollIntoView(); }
  });
})();
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
// Number fields (data-number) show how the server will read what was typed, in the page's language:
// "Dibaca sebagai Rp450.000.000", or why it is refused, before anything is saved.
(function () {
  var timers = new WeakMap();
  var hints = new WeakMap();
  function hintFor(input) {
    var hint = hints.get(input);
    if (!hint) {
      hint = document.createElement('small');
      hint.className = 'number-read';
      hint.setAttribute('aria-live', 'polite');
      if (input.id) {
        hint.id = input.id + '-read';
        var described = input.getAttribute('aria-describedby');
        input.setAttribute('aria-describedby', described ? described + ' ' + hint.id : hint.id);
      }
      input.insertAdjacentElement('afterend', hint);
      hints.set(input, hint);
    }
    return hint;
  }
  function read(input) {
    var hint = hintFor(input);
    if (!input.value.trim()) { hint.textContent = ''; hint.classList.remove('bad'); return; }
    var asked = input.value;
    var params = new URLSearchParams({ value: asked, whole: input.getAttribute('data-number') === 'whole' });
    var currencyField = input.getAttribute('data-currency-from');
    var currency = currencyField && document.getElementById(currencyField);
    if (currency && currency.value) params.set('currency', currency.value);
    fetch('/numbers/read?' + params, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        // An answer about a value no longer in the field (a restored form replaced it) is stale.
        if (!answer || input.value !== asked) return;
        // A value the server refused (out of range, say) reads as a number but stays invalid until it is changed.
        var refused = input.getAttribute('data-refused') === input.value;
        // The server's refusal of this very text already stands next to the field: it is not said twice.
        var repeated = refused && !answer.ok;
        hint.textContent = repeated ? '' : answer.shown;
        hint.classList.toggle('bad', !answer.ok && !repeated);
        hint.setAttribute('data-read', asked);
        input.setAttribute('aria-invalid', answer.ok && !refused ? 'false' : 'true');
      })
      .catch(function () { /* the server's own check on submit still applies */ });
  }
  document.addEventListener('input', function (e) {
    var input = e.target;
    if (!input || !input.hasAttribute || !input.hasAttribute('data-number')) return;
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { read(input); }, 250));
  });
  document.addEventListener('change', function (e) {
    var el = e.target;
    if (el && el.id) document.querySelectorAll('[data-currency-from="' + el.id + '"]').forEach(read);
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('input[data-number]').forEach(function (input) { if (input.value) read(input); });
  });
})();
// A form the server refused comes back as it was typed, with the error next to its field (FormErrors).
document.addEventListener('DOMContentLoaded', function () {
  var holder = document.getElementById('restored-form');
  if (!holder) return;
  var restored;
  try { restored = JSON.parse(holder.getAttribute('data-form')); } catch (e) { return; }
  // The refused form posted to restored.action. A form without an action attribute (the language switch)
  // sends to the page itself, so on a page that posts to its own address it would match: only forms that name
  // their action and post are candidates.
  var form = Array.prototype.find.call(document.forms, function (f) {
    var action = f.getAttribute('action');
    return action !== null && f.method === 'post'
      && (action === restored.action || new URL(action, location.href).pathname === restored.action);
  });
  if (!form) return;
  Object.keys(restored.values || {}).forEach(function (name) {
    var values = restored.values[name];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name !== name || el.type === 'hidden' || el.type === 'file' || el.type === 'submit') return;
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = values.indexOf(el.value) >= 0;
      else if (el.tagName === 'SELECT' && el.multiple) Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) >= 0; });
      else el.value = values[0];
      // Number fields say again how the restored text reads.
      if (el.hasAttribute('data-number')) el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  });
  // An API-style name ("conditions.minDay") names the form's own field ("minDay").
  var field = restored.field && (form.elements.namedItem(restored.field)
    || form.elements.namedItem(restored.field.split('.').pop()));
  if (field && field.length !== undefined && !field.tagName) field = field[0];
  var error = document.createElement('div');
  error.className = 'field-error';
  error.id = 'restored-error';
  error.setAttribute('role', 'alert');
  error.textContent = restored.message || '';
  var anchor = field || form.querySelector('[type=submit]') || form.lastElementChild;
  if (anchor) anchor.insertAdjacentElement('afterend', error); else form.appendChild(error);
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', 'restored-error');
    if (field.value !== undefined) field.setAttribute('data-refused', field.value);
  }
  for (var p = form.parentElement; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
  (field || form).scrollIntoView({ block: 'center' });
  if (field && field.focus) field.focus({ preventScroll: true });
});
// The top bar on narrow screens: the menu button opens and closes the navigation; "More" closes on
// Escape or a click elsewhere.
document.addEventListener('click', function (e) {
  var toggle = e.target.closest && e.target.closest('#nav-toggle');
  if (toggle) {
    var header = toggle.closest('header');
    var open = header.classList.toggle('open');
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    return;
  }
  document.querySelectorAll('details.more[open]').forEach(function (d) { if (!d.contains(e.target)) d.open = false; });
});
document.addEventListener('keydown', function (e) {
  if (e.key !== 'Escape') return;
  document.querySelectorAll('details.more[open]').forEach(function (d) { d.open = false; d.querySelector('summary').focus(); });
});
