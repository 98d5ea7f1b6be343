// Activation letter: a Print button for browsers with JavaScript (others use the browser's own Print command).
document.querySelectorAll('[data-print]').forEach((button) => {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
});
