package org.caregate.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.Basis;
import org.caregate.proxy.Grant;
import org.caregate.proxy.GrantStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The age, date and state rules that turn a stored grant into what it allows on a given day, at
 * each boundary: the day before, the day itself and the day after.
 */
class AccessRulesTests {

    private static final ZoneOffset UTC = ZoneOffset.UTC;
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate ADULT = LocalDate.of(1961, 4, 9);

    @Nested
    class AGrantsState {

        @Test
        void anAcceptedGrantWithoutEndDateIsActive() {
            assertThat(status(accepted(Basis.INVITED, on(TODAY.minusYears(1))), ADULT, TODAY)).isEqualTo(GrantStatus.ACTIVE);
        }

        @Test
        void theEndDateIsTheLastDayOfAccess() {
            Grant made = accepted(Basis.INVITED, on(TODAY.minusYears(1)));
            Grant endsToday = endingOn(made, TODAY);
            assertThat(status(endsToday, ADULT, TODAY)).isEqualTo(GrantStatus.ACTIVE);
            assertThat(status(endsToday, ADULT, TODAY.plusDays(1))).isEqualTo(GrantStatus.ENDED);
            assertThat(status(endsToday, ADULT, TODAY.minusDays(1))).isEqualTo(GrantStatus.ACTIVE);
        }

        @Test
        void anExpiredGrantOfAChildIsEndedNotEndedAt18() {
            LocalDate born = TODAY.minusYears(10);
            Grant ended = endingOn(accepted(Basis.PARENT_OF_MINOR, on(TODAY.minusYears(1))), TODAY.minusDays(1));
            assertThat(status(ended, born, TODAY)).isEqualTo(GrantStatus.ENDED);
        }

        @Test
        void aRevokedGrantIsRevokedWhateverElseHolds() {
            Instant granted = on(TODAY.minusYears(1));
            Grant revoked = new Grant(UUID.randomUUID(), PatientId.random(), "clinic", AccountId.random(), Basis.INVITED,
                    "spouse", "Sam", true, Map.of(), TODAY.minusDays(3), null, null, AccountId.random(), granted,
                    granted, on(TODAY.minusDays(5)));
            assertThat(status(revoked, ADULT, TODAY)).isEqualTo(GrantStatus.REVOKED);
            assertThat(status(revoked, TODAY.minusYears(17), TODAY)).isEqualTo(GrantStatus.REVOKED);
        }

        @Test
        void anInvitationWorksUntilTheInstantItExpires() {
            Instant expires = TODAY.atTime(9, 0).toInstant(UTC);
            Grant invited = invited(on(TODAY.minusDays(14)), expires);
            assertThat(AccessRules.status(invited, ADULT, TODAY, expires.minusSeconds(1), UTC)).isEqualTo(GrantStatus.INVITED);
            assertThat(AccessRules.status(invited, ADULT, TODAY, expires, UTC)).isEqualTo(GrantStatus.INVITATION_EXPIRED);
            assertThat(AccessRules.status(invited, ADULT, TODAY.plusDays(1), expires.plus(Duration.ofDays(1)), UTC))
                    .isEqualTo(GrantStatus.INVITATION_EXPIRED);
        }

        @Test
        void anInvitationIsNotInUseAndNeitherIsAnythingEnded() {
            assertThat(GrantStatus.INVITED.inUse()).isFalse();
            assertThat(GrantStatus.INVITATION_EXPIRED.inUse()).isFalse();
            assertThat(GrantStatus.ENDED.inUse()).isFalse();
            assertThat(GrantStatus.ENDED_AT_18.inUse()).isFalse();
            assertThat(GrantStatus.REVOKED.inUse()).isFalse();
            assertThat(GrantStatus.ACTIVE.inUse()).isTrue();
            assertThat(GrantStatus.ACTIVE_TEEN.inUse()).isTrue();
        }
    }

    @Nested
    class TheTwelfthBirthday {

        private final LocalDate twelveToday = TODAY.minusYears(12);

        @Test
        void theDayBeforeAParentSeesConfidentialItems() {
            Grant parent = accepted(Basis.PARENT_OF_MINOR, on(TODAY.minusYears(5)));
            assertThat(status(parent, twelveToday, TODAY.minusDays(1))).isEqualTo(GrantStatus.ACTIVE);
            assertThat(AccessRules.hidesConfidential(parent, twelveToday, TODAY.minusDays(1))).isFalse();
        }

        @Test
        void onTheBirthdayConfidentialItemsAreHiddenFromParentsAndGuardians() {
            for (Basis basis : new Basis[] {Basis.PARENT_OF_MINOR, Basis.LEGAL_GUARDIAN}) {
                Grant grant = accepted(basis, on(TODAY.minusYears(5)));
                assertThat(status(grant, twelveToday, TODAY)).as("%s", basis).isEqualTo(GrantStatus.ACTIVE_TEEN);
                assertThat(AccessRules.hidesConfidential(grant, twelveToday, TODAY)).as("%s", basis).isTrue();
                assertThat(AccessRules.hidesConfidential(grant, twelveToday, TODAY.plusDays(1))).as("%s", basis).isTrue();
            }
        }

        @Test
        void onlyParentsAndGuardiansOfYoungChildrenSeeConfidentialItems() {
            LocalDate five = TODAY.minusYears(5);
            assertThat(AccessRules.hidesConfidential(accepted(Basis.LEGAL_GUARDIAN, on(TODAY)), five, TODAY)).isFalse();
            assertThat(AccessRules.hidesConfidential(accepted(Basis.INVITED, on(TODAY)), five, TODAY)).isTrue();
            assertThat(AccessRules.hidesConfidential(accepted(Basis.POWER_OF_ATTORNEY, on(TODAY)), five, TODAY)).isTrue();
        }

        @Test
        void caregiversOfAdultsNeverSeeConfidentialItems() {
            for (Basis basis : Basis.values()) {
                assertThat(AccessRules.hidesConfidential(accepted(basis, on(TODAY)), ADULT, TODAY)).as("%s", basis).isTrue();
            }
        }

        @Test
        void aChildBornOn29FebruaryTurns12OnTheLeapDay() {
            LocalDate born = LocalDate.of(2008, 2, 29);
            Grant parent = accepted(Basis.PARENT_OF_MINOR, on(LocalDate.of(2010, 1, 1)));
            assertThat(status(parent, born, LocalDate.of(2020, 2, 28))).isEqualTo(GrantStatus.ACTIVE);
            assertThat(AccessRules.hidesConfidential(parent, born, LocalDate.of(2020, 2, 28))).isFalse();
            assertThat(status(parent, born, LocalDate.of(2020, 2, 29))).isEqualTo(GrantStatus.ACTIVE_TEEN);
            assertThat(AccessRules.hidesConfidential(parent, born, LocalDate.of(2020, 2, 29))).isTrue();
        }
    }

    @Nested
    class TheEighteenthBirthday {

        private final LocalDate eighteenToday = TODAY.minusYears(18);

        @Test
        void aGrantMadeForAChildWorksUntilTheDayBefore() {
            Grant parent = accepted(Basis.PARENT_OF_MINOR, on(TODAY.minusYears(10)));
            assertThat(status(parent, eighteenToday, TODAY.minusDays(1))).isEqualTo(GrantStatus.ACTIVE_TEEN);
        }

        @Test
        void aGrantMadeForAChildEndsOnTheBirthday() {
            for (Basis basis : Basis.values()) {
                Grant grant = accepted(basis, on(TODAY.minusYears(10)));
                assertThat(status(grant, eighteenToday, TODAY)).as("%s", basis).isEqualTo(GrantStatus.ENDED_AT_18);
                assertThat(status(grant, eighteenToday, TODAY.plusYears(3))).as("%s", basis).isEqualTo(GrantStatus.ENDED_AT_18);
            }
        }

        @Test
        void aGrantMadeTheDayBeforeTheBirthdayEndsOnIt() {
            Grant lastDay = accepted(Basis.INVITED, on(TODAY.minusDays(1)));
            assertThat(status(lastDay, eighteenToday, TODAY)).isEqualTo(GrantStatus.ENDED_AT_18);
        }

        @Test
        void aGrantThePatientMadeAsAnAdultIsUnaffected() {
            Grant onTheBirthday = accepted(Basis.INVITED, TODAY.atStartOfDay(UTC).toInstant());
            assertThat(status(onTheBirthday, eighteenToday, TODAY)).isEqualTo(GrantStatus.ACTIVE);
            assertThat(status(onTheBirthday, eighteenToday, TODAY.plusYears(40))).isEqualTo(GrantStatus.ACTIVE);
            assertThat(AccessRules.hidesConfidential(onTheBirthday, eighteenToday, TODAY)).isTrue();
        }

        @Test
        void anInvitationMadeForAChildThatNobodyAcceptedEndsOnTheBirthdayToo() {
            Grant invited = invited(on(TODAY.minusDays(2)), on(TODAY.plusDays(12)));
            assertThat(AccessRules.status(invited, eighteenToday, TODAY.minusDays(1), on(TODAY.minusDays(1)), UTC))
                    .isEqualTo(GrantStatus.INVITED);
            assertThat(AccessRules.status(invited, eighteenToday, TODAY, on(TODAY), UTC)).isEqualTo(GrantStatus.ENDED_AT_18);
        }

        /**
         * Java's calendar, which the rules use, puts the birthday of someone born on 29 February on
         * 1 March in common years: 18 years after a leap year is never one.
         */
        @Test
        void aChildBornOn29FebruaryTurns18On1MarchInACommonYear() {
            LocalDate born = LocalDate.of(2008, 2, 29);
            Grant parent = accepted(Basis.PARENT_OF_MINOR, on(LocalDate.of(2010, 1, 1)));
            assertThat(AccessRules.age(born, LocalDate.of(2026, 2, 28))).isEqualTo(17);
            assertThat(status(parent, born, LocalDate.of(2026, 2, 28))).isEqualTo(GrantStatus.ACTIVE_TEEN);
            assertThat(status(parent, born, LocalDate.of(2026, 3, 1))).isEqualTo(GrantStatus.ENDED_AT_18);
        }

        @Test
        void whetherAGrantWasMadeForAChildIsDecidedOnTheDayInThePortalsTimeZone() {
            // 03:00 UTC on 1 March is still 28 February in Chicago: the patient, born 29 February, was 17.
            LocalDate born = LocalDate.of(2008, 2, 29);
            Instant granted = LocalDate.of(2026, 3, 1).atTime(LocalTime.of(3, 0)).toInstant(UTC);
            Grant grant = accepted(Basis.INVITED, granted);
            ZoneId chicago = ZoneId.of("America/Chicago");
            LocalDate later = LocalDate.of(2026, 6, 1);
            assertThat(AccessRules.status(grant, born, later, later.atStartOfDay(chicago).toInstant(), chicago))
                    .isEqualTo(GrantStatus.ENDED_AT_18);
            assertThat(AccessRules.status(grant, born, later, later.atStartOfDay(UTC).toInstant(), UTC))
                    .isEqualTo(GrantStatus.ACTIVE);
        }
    }

    @Nested
    class WhatAGrantAllows {

        @Test
        void aFullGrantAllowsActingInEveryArea() {
            Map<Area, Access> allowed = AccessRules.allowed(accepted(Basis.INVITED, on(TODAY)));
            assertThat(allowed).hasSize(Area.values().length).containsOnlyKeys(Area.values())
                    .allSatisfy((area, access) -> assertThat(access).isEqualTo(Access.ACT));
        }

        @Test
        void aLimitedGrantAllowsOnlyItsAreasWithTheirAccess() {
            Grant limited = limited(Map.of(Area.RESULTS, Access.READ, Area.APPOINTMENTS, Access.ACT));
            assertThat(AccessRules.allowed(limited))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(Area.RESULTS, Access.READ, Area.APPOINTMENTS, Access.ACT));
            assertThat(limited.access(Area.RECORD)).isNull();
        }

        @Test
        void readingDoesNotCoverActing() {
            assertThat(Access.READ.covers(Access.READ)).isTrue();
            assertThat(Access.READ.covers(Access.ACT)).isFalse();
            assertThat(Access.ACT.covers(Access.READ)).isTrue();
            assertThat(Access.ACT.covers(Access.ACT)).isTrue();
        }
    }

    private static GrantStatus status(Grant grant, LocalDate born, LocalDate today) {
        return AccessRules.status(grant, born, today, today.atTime(12, 0).toInstant(UTC), UTC);
    }

    private static Instant on(LocalDate day) {
        return day.atTime(10, 0).toInstant(UTC);
    }

    /** A full grant accepted (or recorded) at {@code granted}, with no end date. */
    private static Grant accepted(Basis basis, Instant granted) {
        return new Grant(UUID.randomUUID(), PatientId.random(), "clinic", AccountId.random(), basis,
                basis.name().toLowerCase(), "Sam Carer", true, Map.of(), null, null, null, AccountId.random(), granted,
                granted, null);
    }

    private static Grant limited(Map<Area, Access> permissions) {
        Instant granted = on(TODAY);
        return new Grant(UUID.randomUUID(), PatientId.random(), "clinic", AccountId.random(), Basis.INVITED, "spouse",
                "Sam Carer", false, permissions, null, null, null, AccountId.random(), granted, granted, null);
    }

    private static Grant invited(Instant granted, Instant expires) {
        return new Grant(UUID.randomUUID(), PatientId.random(), "clinic", null, Basis.INVITED, "adult-child",
                "Sam Carer", true, Map.of(), null, "sam@example.org", expires, AccountId.random(), granted, null, null);
    }

    /** The same grant with an end date (records have no withers). */
    private static Grant endingOn(Grant g, LocalDate endsOn) {
        return new Grant(g.id(), g.patient(), g.organizationId(), g.proxy(), g.basis(), g.relationship(), g.proxyName(),
                g.full(), g.permissions(), endsOn, g.inviteEmail(), g.inviteExpiresAt(), g.grantedBy(), g.grantedAt(),
                g.acceptedAt(), g.revokedAt());
    }
}
