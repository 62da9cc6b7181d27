// The customer portal's only script. Selects marked data-autosubmit send their form when changed
// (no inline handlers: the portal's Content-Security-Policy forbids them; <noscript> keeps a button).
document.addEventListener('change', function (e) {
  var el = e.target;
  if (el && el.hasAttribute && el.hasAttribute('data-autosubmit') && el.form) el.form.submit();
});
