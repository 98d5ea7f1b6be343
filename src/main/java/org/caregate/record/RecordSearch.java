package org.caregate.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;

/**
 * A patient's stored resources found by FHIR search criteria, for the FHIR API ({@code fhirapi}).
 * Whose record, and whether confidential items count, is the {@link Viewing} the caller decided:
 * every query names that patient, so another patient's ids find nothing. What the record pages hold
 * back is held back here too: results an organisation still delays, confidential items when the
 * viewing hides them, areas a caregiver may not read; a report does not name results left out.
 * Every read and search publishes {@link RecordViewed} ({@link RecordView#FHIR_API}) with the ids
 * it returns.
 */
public interface RecordSearch {

    /** Resource types the record can hold and find (Patient comes from the registry, {@link #patient}). */
    Set<String> TYPES = Set.of("AllergyIntolerance", "Appointment", "Condition", "DiagnosticReport", "DocumentReference",
            "Encounter", "Immunization", "MedicationRequest", "Observation", "Procedure");

    /** One of the patient's resources, when it is theirs, of this type, and not held back from this viewing. */
    Optional<Found> read(Viewing viewing, String resourceType, UUID id);

    /**
     * A page of the patient's resources matching every criterion, newest first (by the resource's
     * clinical date, undated last, then by id), so that offsets page stably.
     */
    Page search(Viewing viewing, Query query);

    /** The patient as FHIR R4, from the registry, with their record number at the viewing's organisation. */
    Optional<org.hl7.fhir.r4.model.Patient> patient(Viewing viewing);

    /**
     * @param resourceType one of {@link #TYPES}
     * @param criteria all must hold
     * @param offset how many matches to skip
     * @param count at most this many
     */
    record Query(String resourceType, List<Criterion> criteria, int offset, int count) {

        public Query {
            criteria = List.copyOf(criteria);
            if (offset < 0 || count < 1) {
                throw new IllegalArgumentException("offset >= 0 and count >= 1");
            }
        }
    }

    /** A stored resource as FHIR R4 JSON, with its portal id (also its FHIR id). */
    record Found(UUID id, String resourceType, String json) {}

    /** @param more whether matches follow this page */
    record Page(List<Found> found, boolean more) {

        public Page {
            found = List.copyOf(found);
        }

        public List<UUID> ids() {
            return found.stream().map(Found::id).toList();
        }
    }

    /**
     * A FHIR token: {@code system|code}. A null system means any system; an empty one, no system
     * ({@code |code}); a null code means any code of the system ({@code system|}).
     */
    record Token(@Nullable String system, @Nullable String code) {

        public Token {
            if (system == null && code == null) {
                throw new IllegalArgumentException("a token needs a system or a code");
            }
        }

        public static Token code(String code) {
            return new Token(null, code);
        }
    }

    /** One condition a match must meet; each with several values matches any of them. */
    sealed interface Criterion {

        /** The resource's id ({@code _id}). */
        record Ids(Set<UUID> anyOf) implements Criterion {
            public Ids {
                anyOf = Set.copyOf(anyOf);
            }
        }

        /**
         * Its category: {@code category} (an Observation's {@code laboratory}), an Encounter's
         * {@code class}. The first category the resource has is the one searched.
         */
        record Categories(Set<Token> anyOf) implements Criterion {
            public Categories {
                anyOf = Set.copyOf(anyOf);
            }
        }

        /**
         * Its code: {@code code}, an Encounter's or DocumentReference's {@code type}, an
         * Immunization's {@code vaccine-code}. The first coding is the one searched.
         */
        record Codes(Set<Token> anyOf) implements Criterion {
            public Codes {
                anyOf = Set.copyOf(anyOf);
            }
        }

        /** Its status: {@code status}, or a Condition's or AllergyIntolerance's {@code clinical-status}. */
        record Statuses(Set<String> anyOf) implements Criterion {
            public Statuses {
                anyOf = Set.copyOf(anyOf);
            }
        }

        /** A MedicationRequest's {@code intent}. */
        record Intents(Set<String> anyOf) implements Criterion {
            public Intents {
                anyOf = Set.copyOf(anyOf);
            }
        }

        /** The EHR's identifier the resource was imported with ({@code identifier}). */
        record Identifiers(Set<Token> anyOf) implements Criterion {
            public Identifiers {
                anyOf = Set.copyOf(anyOf);
            }
        }

        /**
         * A date compared with a span {@code [start, end)}: the day, month or year a search named,
         * or one instant. Resources without the date never match.
         */
        record Dated(DateElement element, Comparison comparison, Instant start, Instant end) implements Criterion {
            public Dated {
                if (!end.isAfter(start)) {
                    throw new IllegalArgumentException("the span must end after it starts");
                }
            }
        }
    }

    /** Which date a {@link Criterion.Dated} compares. */
    enum DateElement {
        /**
         * The resource's clinical date: an Observation's or report's effective time, a Condition's
         * onset, a prescription's authoredOn, a vaccine's occurrence, a visit's or procedure's
         * start, a document's date.
         */
        CLINICAL,
        /** When the portal last stored a change ({@code _lastUpdated}). */
        LAST_UPDATED
    }

    /** FHIR's date prefixes, for a date that is a point in time. */
    enum Comparison { EQ, NE, LT, LE, GT, GE, SA, EB }
}
