/*
 * The filter box of /codes. The list is whole without this script; with it, the box appears and hides every code
 * whose words (its `data-search`: number, names, vendor, summary) do not contain each word typed, and the groups
 * left empty. `?q=` fills the box, and typing keeps it there, so a filtered list can be shared. No framework, no
 * inline script or style: it runs under the page's CSP (script-src 'self').
 */
/* global window, document, URL, URLSearchParams */
(function () {
  'use strict';

  var box = document.querySelector('[data-filter]');
  var input = document.getElementById('cp-filter-input');
  if (!box || !input) return;
  var count = box.querySelector('.cp-count');
  var items = Array.prototype.slice.call(document.querySelectorAll('#cp-codes li[data-search]'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('#cp-codes [data-group]')).reverse(); // inner groups first
  var total = items.length;

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function apply(query) {
    var wanted = words(query);
    var shown = 0;
    items.forEach(function (item) {
      var haystack = item.getAttribute('data-search') || '';
      var match = wanted.every(function (word) {
        return haystack.indexOf(word) !== -1;
      });
      item.hidden = !match;
      if (match) shown++;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector('li[data-search]:not([hidden])');
    });
    // Announced (role="status") only while filtering: the unfiltered count is no news.
    count.textContent = !wanted.length
      ? ''
      : shown
        ? fill(count.getAttribute('data-shown'), { shown: shown, total: total })
        : count.getAttribute('data-none');
  }

  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function remember(query) {
    if (!window.history || !window.history.replaceState) return;
    var url = new URL(window.location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }

  input.addEventListener('input', function () {
    apply(input.value);
    remember(input.value.trim());
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && input.value) {
      input.value = '';
      apply('');
      remember('');
    }
  });

  box.hidden = false;
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial.slice(0, 200);
    apply(input.value);
  }
})();
