// On the sign-in page: a browser that refuses cookies cannot keep a session, so say so before the
// person types anything. (Without JavaScript, the server notices when the form comes back without
// a cookie and shows the cookie help page instead.)
(function () {
  'use strict';
  var notice = document.getElementById('cookies-off');
  if (notice && navigator.cookieEnabled === false) {
    notice.hidden = false;
  }
})();
