// The strength meter of identity/password-field.html. Informs only: it never stops the form being
// sent, and the server checks the password again on submit. Without this file the field still works.
(function () {
  'use strict';

  var DELAY_MS = 400;

  function setUp(field) {
    if (field.hasAttribute('data-ready')) {
      return; // the fragment may appear twice on a page, and so may this script
    }
    field.setAttribute('data-ready', '');
    var form = field.closest('form');
    var input = field.querySelector('[data-password-new]');
    var show = field.querySelector('[data-password-show]');
    var meterBox = field.querySelector('.password-meter');
    var meter = meterBox.querySelector('meter');
    var status = meterBox.querySelector('.password-status');
    var csrf = form ? form.querySelector('input[name="_csrf"]') : null;

    field.querySelector('.password-show').hidden = false;
    show.addEventListener('change', function () {
      input.type = show.checked ? 'text' : 'password';
    });
    if (form) {
      // Password managers save what was typed when the field is a password field again.
      form.addEventListener('submit', function () {
        input.type = 'password';
        show.checked = false;
      });
    }
    if (!csrf) {
      return; // no token, no question to the server: the meter stays hidden
    }
    meterBox.hidden = false;

    var timer = null;
    var asked = 0;
    var pending = null;

    function personalWords() {
      var words = [];
      form.querySelectorAll('[data-password-input]').forEach(function (element) {
        var value = 'value' in element && element.value ? element.value : element.getAttribute('data-password-input');
        if (value) {
          words.push(value);
        }
      });
      return words;
    }

    function report(score, text) {
      meter.value = score;
      status.textContent = text;
    }

    function ask() {
      var password = input.value;
      if (pending) {
        pending.abort();
      }
      if (!password) {
        report(0, '');
        return;
      }
      var question = ++asked;
      var body = new URLSearchParams();
      body.append('password', password);
      personalWords().forEach(function (word) { body.append('inputs', word); });
      body.append('_csrf', csrf.value);
      pending = new AbortController();
      fetch(field.getAttribute('data-url'), {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { 'Accept': 'application/json' },
        signal: pending.signal
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json();
      }).then(function (answer) {
        if (question !== asked) {
          return; // the person typed on; a newer answer is coming
        }
        var label = field.getAttribute('data-label-' + answer.score) || '';
        var explanation = answer.acceptable ? [field.getAttribute('data-acceptable')] : answer.messages;
        report(answer.score, [label + '.'].concat(explanation).join(' '));
      }).catch(function (error) {
        if (error.name !== 'AbortError' && question === asked) {
          report(0, field.getAttribute('data-unavailable'));
        }
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
  }

  function start() {
    document.querySelectorAll('[data-password-strength]').forEach(setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
