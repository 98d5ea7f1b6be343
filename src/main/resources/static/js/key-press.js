// The phone-call step: asks the server every few seconds whether the key was pressed, and goes on
// by itself when it was. Without this script the person selects "Continue" after pressing the key.
(function () {
  'use strict';
  var form = document.getElementById('call-form');
  var statusUrl = form && form.getAttribute('data-status');
  if (!statusUrl) {
    return;
  }
  var EVERY_MS = 2000;
  // Long enough for a call to ring, be answered and heard twice; then the button is still there.
  var MAX_CHECKS = 150;
  var checks = 0;

  function check() {
    checks += 1;
    fetch(statusUrl, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        if (answer.state === 'APPROVED') {
          form.submit();
        } else if (answer.state === 'FAILED') {
          // The page explains what happened and offers another call.
          window.location.reload();
        } else if (checks < MAX_CHECKS) {
          setTimeout(check, EVERY_MS);
        }
      })
      .catch(function () {
        if (checks < MAX_CHECKS) {
          setTimeout(check, EVERY_MS * 2);
        }
      });
  }

  setTimeout(check, EVERY_MS);
})();
