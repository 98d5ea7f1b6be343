// The idle warning on signed-in pages. The server ends an idle session on its own; this only warns
// before it does, offers "Stay signed in", and goes to the sign-in page when the time is up.
(function () {
  'use strict';
  var body = document.body;
  var idle = parseInt(body.getAttribute('data-idle-seconds'), 10);
  var lead = parseInt(body.getAttribute('data-idle-warning-seconds'), 10);
  var dialog = document.getElementById('idle-warning');
  if (!idle || !lead || !dialog) {
    return;
  }
  var left = dialog.querySelector('.idle-left');
  var stay = document.getElementById('idle-stay');
  var keepAlive = dialog.getAttribute('data-keep-alive');
  var timedOut = dialog.getAttribute('data-timed-out');
  var returnFocus = null;
  var spoken = null;
  var deadline;
  var timer;

  function schedule() {
    deadline = Date.now() + idle * 1000;
    clearInterval(timer);
    timer = setInterval(tick, 1000);
  }

  // Time left in words, coarse enough for a live region: whole minutes, then steps of 15 seconds.
  function inWords(remaining) {
    if (remaining > 90) {
      return left.getAttribute('data-minutes').replace('{0}', Math.round(remaining / 60));
    }
    if (remaining > 60) {
      return left.getAttribute('data-minute');
    }
    return left.getAttribute('data-seconds').replace('{0}', Math.max(15, Math.ceil(remaining / 15) * 15));
  }

  function show() {
    returnFocus = document.activeElement && document.activeElement !== body ? document.activeElement : null;
    dialog.hidden = false;
    // The least harmful choice takes focus; the dialog's role makes screen readers announce it.
    stay.focus();
  }

  function hide() {
    dialog.hidden = true;
    spoken = null;
    var target = returnFocus && document.contains(returnFocus) ? returnFocus : document.getElementById('main');
    if (target && target.focus) {
      target.focus();
    }
  }

  function tick() {
    var remaining = Math.round((deadline - Date.now()) / 1000);
    if (remaining <= 0) {
      clearInterval(timer);
      location.href = timedOut;
      return;
    }
    if (remaining > lead) {
      return;
    }
    var words = inWords(remaining);
    if (words !== spoken) {
      left.textContent = words;
      spoken = words;
    }
    if (dialog.hidden) {
      show();
    }
  }

  function staySignedIn() {
    var token = document.querySelector('input[name="_csrf"]');
    fetch(keepAlive, {
      method: 'POST',
      headers: token ? { 'X-CSRF-TOKEN': token.value } : {},
      credentials: 'same-origin'
    }).then(function (response) {
      if (response.status === 204) {
        schedule();
        hide();
      } else {
        // The session already ended (another tab signed out, or the server restarted the clock).
        location.href = timedOut;
      }
    }, function () {
      // Offline for now: keep the warning; the person can try again.
    });
  }

  stay.addEventListener('click', staySignedIn);
  dialog.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      staySignedIn();
    }
  });

  schedule();
})();
