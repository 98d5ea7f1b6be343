package org.caregate.patient.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caregate.patient.Address;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.caregate.patient.Sex;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registry's tables, in plain SQL. */
@Repository
public class Patients {

    private static final String SELECT_PATIENT = """
            SELECT id, given_names, family_name, date_of_birth, sex, address_line1, address_line2, city,
                   region, postal_code, country, email, preferred_language
            FROM patient
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public Patients(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Inserts patients with their phones and record numbers, in batches. */
    public void insert(List<Map.Entry<PatientId, NewPatient>> patients, Instant now) {
        Timestamp at = Timestamp.from(now);
        batch.batchUpdate("""
                INSERT INTO patient (id, given_names, family_name, date_of_birth, sex, address_line1, address_line2,
                                     city, region, postal_code, country, email, preferred_language, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, patients, 500, (statement, entry) -> {
                    NewPatient p = entry.getValue();
                    Address a = p.address();
                    statement.setObject(1, entry.getKey().value());
                    statement.setString(2, p.givenNames());
                    statement.setString(3, p.familyName());
                    statement.setObject(4, p.dateOfBirth());
                    statement.setString(5, p.sex().name());
                    statement.setString(6, a.line1());
                    statement.setString(7, a.line2());
                    statement.setString(8, a.city());
                    statement.setString(9, a.region());
                    statement.setString(10, a.postalCode());
                    statement.setString(11, a.country());
                    statement.setString(12, p.email());
                    statement.setString(13, p.preferredLanguage());
                    statement.setTimestamp(14, at);
                    statement.setTimestamp(15, at);
                });
        record Phone(UUID patient, int position, PhoneNumber number) {}
        List<Phone> phones = new ArrayList<>();
        record Mrn(UUID patient, MedicalRecordNumber number) {}
        List<Mrn> numbers = new ArrayList<>();
        for (var entry : patients) {
            List<PhoneNumber> list = entry.getValue().phones();
            for (int i = 0; i < list.size(); i++) {
                phones.add(new Phone(entry.getKey().value(), i, list.get(i)));
            }
            entry.getValue().recordNumbers().forEach(n -> numbers.add(new Mrn(entry.getKey().value(), n)));
        }
        batch.batchUpdate("INSERT INTO patient_phone (patient_id, position, number_e164, kind) VALUES (?, ?, ?, ?)",
                phones, 500, (statement, phone) -> {
                    statement.setObject(1, phone.patient());
                    statement.setInt(2, phone.position());
                    statement.setString(3, phone.number().e164());
                    statement.setString(4, phone.number().kind().name());
                });
        batch.batchUpdate("""
                INSERT INTO patient_record_number (organization_id, medical_record_number, patient_id)
                VALUES (?, ?, ?)
                """, numbers, 500, (statement, mrn) -> {
                    statement.setString(1, mrn.number().organizationId());
                    statement.setString(2, mrn.number().value());
                    statement.setObject(3, mrn.patient());
                });
    }

    public Optional<Patient> find(PatientId id) {
        return load(jdbc.sql(SELECT_PATIENT + " WHERE id = ?").param(id.value()).query(this::row).list())
                .stream().findFirst();
    }

    public Optional<Patient> findByRecordNumber(MedicalRecordNumber number) {
        return load(jdbc.sql(SELECT_PATIENT + """
                 WHERE id = (SELECT patient_id FROM patient_record_number
                             WHERE organization_id = ? AND medical_record_number = ?)
                """).params(number.organizationId(), number.value()).query(this::row).list())
                .stream().findFirst();
    }

    public List<Patient> findByEmail(String email) {
        return load(jdbc.sql(SELECT_PATIENT + " WHERE lower(email) = lower(?) ORDER BY id")
                .param(email.strip()).query(this::row).list());
    }

    public List<Patient> findByPhone(String e164) {
        return load(jdbc.sql(SELECT_PATIENT + """
                 WHERE id IN (SELECT patient_id FROM patient_phone WHERE number_e164 = ?) ORDER BY id
                """).param(e164).query(this::row).list());
    }

    public List<Patient> findByFamilyNameAndBirthDate(String familyName, LocalDate dateOfBirth) {
        return load(jdbc.sql(SELECT_PATIENT
                + " WHERE patient_name_key(family_name) = patient_name_key(?) AND date_of_birth = ? ORDER BY id")
                .params(familyName.strip(), dateOfBirth).query(this::row).list());
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM patient").query(Long.class).single();
    }

    /** The first {@code limit} patients in registration order, for demo pages and tests. */
    public List<Patient> list(int limit) {
        return load(jdbc.sql(SELECT_PATIENT + " ORDER BY created_at, id LIMIT ?").param(limit).query(this::row).list());
    }

    private record Row(PatientId id, String givenNames, String familyName, LocalDate dateOfBirth, Sex sex,
            Address address, String email, String preferredLanguage) {}

    private Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(new PatientId(rs.getObject("id", UUID.class)), rs.getString("given_names"),
                rs.getString("family_name"), rs.getObject("date_of_birth", LocalDate.class),
                Sex.valueOf(rs.getString("sex")),
                new Address(rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("city"),
                        rs.getString("region"), rs.getString("postal_code"), rs.getString("country")),
                rs.getString("email"), rs.getString("preferred_language"));
    }

    /** Adds phones and record numbers to the rows, two queries for any number of patients. */
    private List<Patient> load(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Collection<UUID> ids = rows.stream().map(r -> r.id().value()).toList();
        Map<UUID, List<PhoneNumber>> phones = new LinkedHashMap<>();
        jdbc.sql("SELECT patient_id, number_e164, kind FROM patient_phone WHERE patient_id IN (:ids) ORDER BY position")
                .param("ids", ids)
                .query((rs, n) -> phones.computeIfAbsent(rs.getObject("patient_id", UUID.class), k -> new ArrayList<>())
                        .add(new PhoneNumber(rs.getString("number_e164"), PhoneKind.valueOf(rs.getString("kind")))))
                .list();
        Map<UUID, List<MedicalRecordNumber>> numbers = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT patient_id, organization_id, medical_record_number FROM patient_record_number
                WHERE patient_id IN (:ids) ORDER BY organization_id
                """).param("ids", ids)
                .query((rs, n) -> numbers.computeIfAbsent(rs.getObject("patient_id", UUID.class), k -> new ArrayList<>())
                        .add(new MedicalRecordNumber(rs.getString("organization_id"), rs.getString("medical_record_number"))))
                .list();
        return rows.stream().map(r -> new Patient(r.id(), r.givenNames(), r.familyName(), r.dateOfBirth(), r.sex(),
                r.address(), r.email(), r.preferredLanguage(),
                phones.getOrDefault(r.id().value(), List.of()),
                numbers.getOrDefault(r.id().value(), List.of()))).toList();
    }
}
