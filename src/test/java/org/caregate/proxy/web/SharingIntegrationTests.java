package org.caregate.proxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.StaffRole;
import org.caregate.organization.Organizations;
import org.caregate.record.RecordImport;
import org.caregate.record.TestRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Changing and removing access works in sessions already open; staff record a parent for a teenager,
 * who cannot remove it themselves; the staff page is for support staff and administrators only.
 */
class SharingIntegrationTests extends CaregiverPagesTest {

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Test
    void changeAndRemoveTakeEffectOnTheNextRequestOfASessionAlreadyOpen() throws Exception {
        var ana = new TestRecords(registry, organizations, imports, accounts).patientWithRecord();
        String org = ana.organizationId();
        Person maria = person(org);
        FormSession patient = signedIn(ana.account(), org);
        String code = invite(patient, org, "Maria Lopez", email(), "scope", "limited", "area-RESULTS", "read");
        FormSession helper = signedIn(maria.account(), org);
        enterCode(helper, org, code);
        helper.post("/" + org + "/invitation/accept");
        helper.get("/" + org + "/home");
        assertThat(FormSession.location(helper.post("/" + org + "/viewing", "patient",
                ana.patient().id().value().toString()))).isEqualTo("/" + org + "/home");
        assertThat(helper.get("/" + org + "/home").body()).contains("Viewing:", ana.patient().givenNames());
        assertThat(helper.get("/" + org + "/results").statusCode()).isEqualTo(200);
        assertThat(helper.get("/" + org + "/medications").statusCode()).isEqualTo(403);
        UUID grant = onlyGrantOf(ana.patient());

        // The patient sees what Maria did, in words.
        String sharing = patient.get("/" + org + "/sharing").body();
        assertThat(sharing).contains("Maria Lopez", "Looked at your test results", "Test results: see only");

        // Results taken away, medications given: Maria's open session follows at once.
        assertThat(patient.get("/" + org + "/sharing/" + grant + "/change").body()).contains("Change what Maria Lopez can do");
        var changed = patient.post("/" + org + "/sharing/" + grant + "/change", "scope", "limited", "area-MEDICATIONS",
                "read");
        assertThat(FormSession.location(changed)).isEqualTo("/" + org + "/sharing");
        var refused = helper.get("/" + org + "/results");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain(ana.patient().familyName());
        assertThat(helper.get("/" + org + "/medications").statusCode()).isEqualTo(200);

        // Removed: nothing of Ana's any more.
        patient.get("/" + org + "/sharing/" + grant + "/remove");
        assertThat(FormSession.location(patient.post("/" + org + "/sharing/" + grant + "/remove")))
                .isEqualTo("/" + org + "/sharing");
        var gone = helper.get("/" + org + "/medications");
        assertThat(gone.statusCode()).isEqualTo(403);
        assertThat(gone.body()).doesNotContain(ana.patient().familyName(), ana.patient().givenNames());
        assertThat(helper.get("/" + org + "/home").body()).doesNotContain(ana.patient().givenNames());
        assertThat(patient.get("/" + org + "/sharing").body()).contains("Removed");
    }

    @Test
    void aCaregiverStopsHelpingAndAPatientCannotTouchAnotherPatientsGrant() throws Exception {
        Person ana = person("clinic");
        Person maria = person("clinic");
        Person eve = person("clinic");
        FormSession patient = signedIn(ana.account(), "clinic");
        String code = invite(patient, "clinic", "Maria", email(), "scope", "full");
        FormSession helper = signedIn(maria.account(), "clinic");
        enterCode(helper, "clinic", code);
        helper.post("/clinic/invitation/accept");
        UUID grant = onlyGrantOf(ana.patient());

        FormSession stranger = signedIn(eve.account(), "clinic");
        assertThat(stranger.get("/clinic/sharing/" + grant + "/change").statusCode()).isEqualTo(404);
        assertThat(stranger.post("/clinic/sharing/" + grant + "/remove").statusCode()).isEqualTo(404);
        assertThat(stranger.post("/clinic/sharing/helping/" + grant + "/stop").statusCode()).isEqualTo(404);
        assertThat(grants.find(grant).orElseThrow().revoked()).isFalse();

        assertThat(helper.get("/clinic/sharing/helping/" + grant + "/stop").body()).contains("Stop helping");
        assertThat(FormSession.location(helper.post("/clinic/sharing/helping/" + grant + "/stop")))
                .isEqualTo("/clinic/sharing");
        assertThat(grants.find(grant).orElseThrow().revoked()).isTrue();
        assertThat(helper.get("/clinic/sharing").body()).contains("You no longer help");
    }

    @Test
    void staffRecordAParentForATeenagerWhoCannotRemoveItThemselves() throws Exception {
        Person teen = personAged("clinic", 14);
        Person parent = person("clinic");
        FormSession support = signedInStaff(staff(StaffRole.SUPPORT));

        assertThat(support.get("/staff").body()).contains("Caregivers");
        var notFound = support.submit("/staff/caregivers/find", "organization", "clinic", "mrn", "NOPE-0000");
        assertThat(notFound.statusCode()).isEqualTo(422);
        support.get("/staff/caregivers");
        var found = support.post("/staff/caregivers/find", "organization", "clinic", "mrn",
                teen.patient().recordNumbers().getFirst().value().toLowerCase());
        assertThat(FormSession.location(found)).isEqualTo("/staff/caregivers");
        assertThat(support.get("/staff/caregivers").body()).contains(teen.patient().familyName(), "age 14",
                "Nobody: no caregiver has access");
        var wrongAccount = support.post("/staff/caregivers/record", "account", "nobody-" + TestPatients.tag(),
                "name", "Pat Ruiz", "basis", "PARENT_OF_MINOR", "scope", "full");
        assertThat(wrongAccount.statusCode()).isEqualTo(422);
        assertThat(wrongAccount.body()).contains("No portal account has this username");
        var recorded = support.post("/staff/caregivers/record", "account", parent.account().username(), "name",
                "Pat Ruiz", "basis", "PARENT_OF_MINOR", "scope", "full");
        assertThat(FormSession.location(recorded)).isEqualTo("/staff/caregivers");
        assertThat(support.get("/staff/caregivers").body()).contains("Pat Ruiz", "Parent of a child under 18",
                "except items marked confidential");
        UUID grant = onlyGrantOf(teen.patient());

        // The parent uses it at once.
        FormSession parentBrowser = signedIn(parent.account(), "clinic");
        assertThat(parentBrowser.get("/clinic/home").body()).contains(teen.patient().givenNames());
        parentBrowser.post("/clinic/viewing", "patient", teen.patient().id().value().toString());
        assertThat(parentBrowser.get("/clinic/results").statusCode()).isEqualTo(200);

        // The teenager sees it, is told to call, and cannot remove it.
        FormSession teenBrowser = signedIn(teen.account(), "clinic");
        String sharing = teenBrowser.get("/clinic/sharing").body();
        assertThat(sharing).contains("Pat Ruiz", "Recorded by the clinic from legal papers", "(507) 738-4013")
                .doesNotContain("/sharing/" + grant + "/remove");
        assertThat(teenBrowser.get("/clinic/sharing/" + grant + "/remove").statusCode()).isEqualTo(404);
        assertThat(teenBrowser.post("/clinic/sharing/" + grant + "/remove").statusCode()).isEqualTo(404);
        assertThat(grants.find(grant).orElseThrow().revoked()).isFalse();

        // Staff end it; the parent's open session loses it on the next request.
        support.get("/staff/caregivers");
        assertThat(FormSession.location(support.post("/staff/caregivers/" + grant + "/revoke")))
                .isEqualTo("/staff/caregivers");
        assertThat(parentBrowser.get("/clinic/results").statusCode()).isEqualTo(403);
        assertThat(grants.find(grant).orElseThrow().revoked()).isTrue();
    }

    @Test
    void theStaffPageRefusesPatientsAndStaffWithoutTheRole() throws Exception {
        Person ana = person("clinic");
        FormSession patient = signedIn(ana.account(), "clinic");
        var asPatient = patient.get("/staff/caregivers");
        assertThat(asPatient.statusCode()).isNotEqualTo(200);
        assertThat(asPatient.body()).doesNotContain("Find the patient");
        assertThat(patient.post("/staff/caregivers/find", "organization", "clinic", "mrn",
                ana.patient().recordNumbers().getFirst().value()).statusCode()).isNotIn(200, 302);

        FormSession careTeam = signedInStaff(staff(StaffRole.CARE_TEAM));
        assertThat(careTeam.get("/staff/caregivers").statusCode()).isEqualTo(403);
        assertThat(careTeam.post("/staff/caregivers/find", "organization", "clinic", "mrn",
                ana.patient().recordNumbers().getFirst().value()).statusCode()).isEqualTo(403);
        assertThat(careTeam.get("/staff").body()).doesNotContain("/staff/caregivers");

        var signedOut = new FormSession(port).get("/staff/caregivers");
        assertThat(signedOut.statusCode()).isEqualTo(302);

        FormSession admin = signedInStaff(staff(StaffRole.ADMINISTRATOR));
        assertThat(admin.get("/staff/caregivers").statusCode()).isEqualTo(200);
    }

    private Account staff(StaffRole role) {
        return accounts.openStaffAccount("st" + TestPatients.tag(), "staff-" + TestPatients.tag() + "@caregate.example",
                Set.of(role), TestPatients.PASSWORD);
    }

    private FormSession signedInStaff(Account staff) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.submit("/staff/sign-in", "username", staff.username(), "password", TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).isEqualTo("/staff?signed-in");
        return browser;
    }
}
