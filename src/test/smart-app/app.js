// Results Viewer: a SMART on FHIR app with a standalone patient launch, written against
// fhirclient's public API only (FHIR.oauth2.authorize, FHIR.oauth2.ready, client.request).
// launch.html sends the person to their portal; index.html is the redirect URI, where the app
// exchanges the code for a token and reads the patient's laboratory Observations.
//
// config.json (served beside the pages) says which portal and which registered client id:
// {"iss": "<portal>/fhir", "clientId": "..."}.
"use strict";

const SCOPE = "launch/patient openid fhirUser patient/Observation.rs patient/Patient.rs";

function config() {
  return fetch("config.json", { cache: "no-store" }).then(answer => {
    if (!answer.ok) {
      throw new Error("config.json: HTTP " + answer.status);
    }
    return answer.json();
  });
}

function showProblem(text) {
  document.getElementById("problem").textContent = text;
}

function launchPage() {
  const connect = document.getElementById("connect");
  config().then(settings => {
    connect.disabled = false;
    connect.addEventListener("click", () => {
      connect.disabled = true;
      FHIR.oauth2.authorize({
        clientId: settings.clientId,
        scope: SCOPE,
        iss: settings.iss,
        redirectUri: "index.html",
        pkceMode: "required"
      }).catch(error => {
        connect.disabled = false;
        showProblem("Could not reach the portal: " + error.message);
      });
    });
  }, error => showProblem(error.message));
}

function codeOf(observation) {
  const coding = (observation.code && observation.code.coding) || [];
  return coding.length > 0 ? coding[0].code : "";
}

function nameOf(observation) {
  const code = observation.code || {};
  const coding = code.coding || [];
  return code.text || (coding.length > 0 ? coding[0].display : "") || "(no name)";
}

function show(observations) {
  const status = document.getElementById("status");
  const table = document.getElementById("results");
  const rows = table.querySelector("tbody");
  for (const observation of observations) {
    const row = rows.insertRow();
    row.dataset.code = codeOf(observation);
    row.insertCell().textContent = nameOf(observation);
    row.insertCell().textContent = codeOf(observation);
    row.insertCell().textContent = observation.effectiveDateTime || "";
  }
  table.hidden = observations.length === 0;
  status.dataset.count = String(observations.length);
  status.textContent = "Read " + observations.length + " laboratory test results.";
}

function failed(text, error) {
  document.getElementById("status").textContent = "The app could not read your test results.";
  showProblem(text + error.message);
}

async function resultsPage() {
  let client;
  try {
    // Exchanges the code from the address (with the PKCE verifier kept at launch) for a token.
    client = await FHIR.oauth2.ready();
  } catch (error) {
    failed("The portal did not connect the app: ", error);
    return;
  }
  try {
    // Every page of the search, as one list of Observations.
    const observations = await client.request(
      "Observation?patient=" + encodeURIComponent(client.patient.id) + "&category=laboratory",
      { pageLimit: 0, flat: true });
    show(observations);
  } catch (error) {
    failed("The portal did not answer the app: ", error);
  }
}

if (document.body.dataset.page === "launch") {
  launchPage();
} else {
  resultsPage();
}
