// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add('js');

// A refused form: move focus to the explanation, so keyboard and screen-reader users hear it first.
document.addEventListener('DOMContentLoaded', function () {
  var problem = document.querySelector('.error-summary');
  if (problem) {
    problem.focus();
  }
});
