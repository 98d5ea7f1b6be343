// The idle warning on signed-in pages. The server ends an idle session on its own; this only warns
// before it does, offers "Stay signed in", and goes to the sign-in page when the time is up.
(function () {
  var body = document.body;
  var idle = parseInt(body.getAttribute('data-idle-seconds'), 10);
  var lead = parseInt(body.getAttribute('data-idle-warning-seconds'), 10);
  var dialog = document.getElementById('idle-warning');
  if (!idle || !dialog) {
    return;
  }
  var left = dialog.querySelector('.idle-left');
  var stay = document.getElementById('idle-stay');
  var returnFocus = null;
  var deadline;
  var timer;

  function schedule() {
    deadline = Date.now() + idle * 1000;
    clearInterval(timer);
    timer = setInterval(tick, 1000);
  }

  function tick() {
    var remaining = Math.round((deadline - Date.now()) / 1000);
    if (remaining <= 0) {
      clearInterval(timer);
      var parts = location.pathname.split('/');
      location.href = parts.length > 1 && parts[1] !== 'staff' ? '/' + parts[1] + '/sign-in?timed-out' : '/staff/sign-in?timed-out';
      return;
    }
    if (remaining <= lead) {
      if (dialog.hidden) {
        returnFocus = document.activeElement;
        dialog.hidden = false;
        dialog.focus();
      }
      // Announced once a minute, then every 15 seconds in the last minute: often enough, not noisy.
      if (remaining === lead || remaining % 60 === 0 || (remaining <= 60 && remaining % 15 === 0)) {
        var minutes = Math.ceil(remaining / 60);
        left.textContent = remaining > 60
          ? left.getAttribute('data-template').replace('{0}', minutes)
          : left.getAttribute('data-template').replace('{0}', 1);
      }
    }
  }

  stay.addEventListener('click', function () {
    var token = document.querySelector('input[name="_csrf"]');
    fetch('/session/keep-alive', {
      method: 'POST',
      headers: token ? { 'X-CSRF-TOKEN': token.value } : {},
      credentials: 'same-origin'
    }).then(function (response) {
      if (response.ok) {
        dialog.hidden = true;
        schedule();
        if (returnFocus && returnFocus.focus) {
          returnFocus.focus();
        }
      }
    });
  });

  schedule();
})();
