// Progressive enhancement: a file over the import limit is refused here, before a long upload that
// the server would cut short (the page without this script says so after the upload instead).
document.addEventListener('DOMContentLoaded', function () {
  var form = document.querySelector('form[data-max-bytes]');
  var problem = document.getElementById('too-large');
  if (!form || !problem) {
    return;
  }
  var max = Number(form.getAttribute('data-max-bytes'));
  var input = form.querySelector('input[type="file"]');
  form.addEventListener('submit', function (event) {
    var file = input.files && input.files[0];
    if (file && file.size > max) {
      event.preventDefault();
      input.setAttribute('aria-invalid', 'true');
      problem.hidden = false;
      problem.focus();
    }
  });
});
