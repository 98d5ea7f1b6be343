// Passkeys: "Sign in with face or fingerprint" and "Add a passkey". A form marked data-passkey="get"
// (sign in) or "create" (add one) asks the server for options, lets the browser talk to the phone or
// computer, puts the answer in its hidden "credential" field and is sent as an ordinary form, so the
// server answers with an ordinary page. Browsers without passkeys see the data-passkey-unsupported
// text instead; without this script nothing about passkeys is shown.
(function () {
  'use strict';

  var forms = document.querySelectorAll('form[data-passkey]');
  if (!forms.length) {
    return;
  }
  var supported = window.PublicKeyCredential && navigator.credentials && window.fetch;
  document.querySelectorAll('[data-passkey-unsupported]').forEach(function (note) {
    note.hidden = !!supported;
  });
  if (!supported) {
    return;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) {
      text += String.fromCharCode(bytes[i]);
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromBase64url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return { type: d.type, id: fromBase64url(d.id), transports: d.transports };
    });
  }

  function creationOptions(json) {
    var options = Object.assign({}, json);
    options.challenge = fromBase64url(json.challenge);
    options.user = Object.assign({}, json.user, { id: fromBase64url(json.user.id) });
    options.excludeCredentials = descriptors(json.excludeCredentials);
    return options;
  }

  function requestOptions(json) {
    var options = Object.assign({}, json);
    options.challenge = fromBase64url(json.challenge);
    options.allowCredentials = descriptors(json.allowCredentials);
    return options;
  }

  // The answers in the WebAuthn JSON forms (RegistrationResponseJSON, AuthenticationResponseJSON).
  function registration(credential) {
    var response = credential.response;
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      response: {
        clientDataJSON: toBase64url(response.clientDataJSON),
        attestationObject: toBase64url(response.attestationObject),
        transports: response.getTransports ? response.getTransports() : []
      },
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    };
  }

  function assertion(credential) {
    var response = credential.response;
    var answer = {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      response: {
        clientDataJSON: toBase64url(response.clientDataJSON),
        authenticatorData: toBase64url(response.authenticatorData),
        signature: toBase64url(response.signature)
      },
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}
    };
    if (response.userHandle) {
      answer.response.userHandle = toBase64url(response.userHandle);
    }
    return answer;
  }

  function say(form, message) {
    var status = form.querySelector('[data-passkey-status]');
    if (status) {
      status.textContent = message || '';
    }
  }

  function start(form, event) {
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    var csrf = form.querySelector('input[name="_csrf"]');
    var creating = form.getAttribute('data-passkey') === 'create';
    say(form, form.getAttribute('data-passkey-waiting'));
    if (button) {
      button.disabled = true;
    }
    fetch(form.getAttribute('data-passkey-options'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: csrf ? { 'X-CSRF-TOKEN': csrf.value, 'Accept': 'application/json' } : { 'Accept': 'application/json' }
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) {
            // The server says where to go first (a check of the second step, say).
            if (body && body.next) {
              window.location.assign(body.next);
            }
            throw new Error('options refused');
          }
          return body;
        });
      })
      .then(function (options) {
        return creating
          ? navigator.credentials.create({ publicKey: creationOptions(options) })
          : navigator.credentials.get({ publicKey: requestOptions(options) });
      })
      .then(function (credential) {
        form.querySelector('input[name="credential"]').value =
          JSON.stringify(creating ? registration(credential) : assertion(credential));
        form.submit();
      })
      .catch(function (problem) {
        if (button) {
          button.disabled = false;
        }
        var cancelled = problem && (problem.name === 'NotAllowedError' || problem.name === 'AbortError');
        say(form, form.getAttribute(cancelled ? 'data-passkey-cancelled' : 'data-passkey-failed'));
      });
  }

  forms.forEach(function (form) {
    form.hidden = false;
    form.addEventListener('submit', function (event) {
      start(form, event);
    });
  });
}());
